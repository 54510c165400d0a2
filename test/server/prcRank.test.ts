/**
 * POST /rank under the Prosocial Ranking Challenge's rules, checked over random comment trees:
 * the challenge's extension sorts each level of a thread separately by the ranking's order, and
 * removes the replies of a removed comment (docs/api_reference.md, "Comment threading", of
 * HumanCompatibleAI/ranking-challenge).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEvasiveMatcher,
  createRebalancer,
  MemoryStateStore,
  presets,
  type ObserveEvent,
  type Rebalancer,
  type TermMatcher,
  type UserState,
} from '../../src/index.js';
import type { PrcContentItem, PrcRecoveryItem } from '../../src/server/prc/prcTypes.js';
import { rankPrc } from '../../src/server/prc/rankPrc.js';
import { post, prcItem, prcSession, testServer, triggeringRun, T0 } from './support.js';

const POOL: readonly PrcRecoveryItem[] = [
  { id: 'rec-1', topics: ['ed-recovery'], url: 'https://example.org/recovery/1' },
  { id: 'rec-2', topics: ['ed-recovery'], url: 'https://example.org/recovery/2' },
  { id: 'rec-3', topics: ['ed-recovery'], url: 'https://example.org/recovery/3' },
];

const POLICIES = ['balanced', 'protective', 'minor', 'off'] as const;
const rebalancers = new Map<string, Rebalancer>(
  POLICIES.map((name) => [
    name,
    createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies[name] }),
  ]),
);

/** One node of a generated thread: a post, or a comment replying to an earlier node. */
interface Node {
  readonly comment: boolean;
  /** For a comment: the index of an earlier comment it replies to, or of an earlier post. */
  readonly parent: number;
  readonly triggering: boolean;
  /** How a top-level comment leaves `parent_id` blank. */
  readonly blank: '' | null | undefined;
}

const nodeArb: fc.Arbitrary<Node> = fc.record({
  comment: fc.boolean(),
  parent: fc.nat(),
  triggering: fc.boolean(),
  blank: fc.constantFrom('' as const, null, undefined),
});

/** Challenge items from generated nodes, in a generated order, with some ids repeated. */
const requestArb = fc
  .record({
    nodes: fc.array(nodeArb, { minLength: 1, maxLength: 24 }),
    order: fc.array(fc.nat(), { maxLength: 24 }),
    repeats: fc.array(fc.nat(), { maxLength: 3 }),
  })
  .map(({ nodes, order, repeats }) => {
    const items: PrcContentItem[] = [];
    nodes.forEach((node, i) => {
      const text = node.triggering ? 'so #thinspo today' : 'a walk by the river';
      const earlier = items.slice(0, i);
      const comments = earlier.filter((item) => item.type === 'comment');
      const posts = earlier.filter((item) => item.type === 'post');
      if (!node.comment || (comments.length === 0 && posts.length === 0)) {
        items.push({ id: `n${i}`, type: 'post', text, created_at: 0 });
        return;
      }
      const target = earlier[node.parent % earlier.length]!;
      const item: PrcContentItem =
        target.type === 'comment'
          ? {
              id: `n${i}`,
              type: 'comment',
              text,
              created_at: 0,
              parent_id: target.id,
              post_id: target.post_id ?? null,
            }
          : {
              id: `n${i}`,
              type: 'comment',
              text,
              created_at: 0,
              post_id: target.id,
              ...(node.blank === undefined ? {} : { parent_id: node.blank }),
            };
      items.push(item);
    });
    // A platform's order need not follow the tree: permute by the generated keys.
    const keyed = items.map((item, i) => ({ item, key: order[i] ?? i }));
    keyed.sort((a, b) => a.key - b.key);
    const list = keyed.map((k) => k.item);
    for (const r of repeats) list.push({ ...list[r % list.length]!, text: 'a repeated id' });
    return list;
  });

/**
 * A user state: new, or after a run of triggering impressions of the given length; a negative
 * length also asks to see less of thinspiration.
 */
const stateArb = fc.integer({ min: -30, max: 30 });

function stateAfter(rb: Rebalancer, run: number): UserState {
  const events: ObserveEvent[] = triggeringRun(Math.abs(run));
  if (run < 0) events.push({ seeLess: { target: 'thinspiration' }, at: T0 });
  return rb.observe(rb.emptyState(), events);
}

const AT = T0 + 3_600_000;

/** The first occurrence of each id, in request order. */
function unique(list: readonly PrcContentItem[]): PrcContentItem[] {
  const seen = new Set<string>();
  return list.filter((item) => !seen.has(item.id) && seen.add(item.id) !== undefined);
}

/** The level an item is sorted in: the feed for posts, its siblings for comments. */
function levelOf(item: PrcContentItem): string {
  if (item.type === 'post') return 'feed';
  return typeof item.parent_id === 'string' && item.parent_id !== ''
    ? `reply:${item.parent_id}`
    : `top:${item.post_id ?? ''}`;
}

/** The item an item is removed with: its parent comment, or the post of a top-level comment. */
function parentOf(item: PrcContentItem): string | null {
  if (item.type === 'post') return null;
  if (typeof item.parent_id === 'string' && item.parent_id !== '') return item.parent_id;
  return item.post_id ?? null;
}

describe('rankPrc under the challenge rules, over random comment trees (fast-check)', () => {
  const cases = fc.tuple(requestArb, stateArb, fc.constantFrom(...POLICIES));

  it('returns each id once: request items and inserted recovery items, the latter with their URLs', () => {
    fc.assert(
      fc.property(cases, ([list, run, policy]) => {
        const rb = rebalancers.get(policy)!;
        const out = rankPrc(rb, list, stateAfter(rb, run), AT, POOL, null);
        expect(new Set(out.rankedIds).size).toBe(out.rankedIds.length);
        const known = new Set(list.map((item) => item.id));
        const inserted = new Map(out.newItems.map((item) => [item.id, item.url]));
        for (const id of out.rankedIds) expect(known.has(id) || inserted.has(id)).toBe(true);
        for (const [id, url] of inserted) {
          expect(out.rankedIds).toContain(id);
          expect(POOL.find((p) => p.id === id)?.url).toBe(url);
        }
        expect(out.shown.map((item) => item.id)).toEqual(out.rankedIds);
      }),
    );
  });

  it('keeps every level in the positions it had: the order of levels along the feed is the platform\u2019s', () => {
    fc.assert(
      fc.property(cases, ([list, run, policy]) => {
        const rb = rebalancers.get(policy)!;
        const items = unique(list);
        const out = rankPrc(rb, items, stateAfter(rb, run), AT, POOL, null);
        const byId = new Map(items.map((item) => [item.id, item]));
        const levelsOut = out.rankedIds
          .filter((id) => byId.has(id))
          .map((id) => levelOf(byId.get(id)!));
        // The output's levels, in order, are the input's with the positions of removed items
        // taken out: a subsequence, matched greedily.
        const levelsIn = items.map(levelOf);
        let k = 0;
        for (const level of levelsOut) {
          while (k < levelsIn.length && levelsIn[k] !== level) k++;
          expect(k).toBeLessThan(levelsIn.length);
          k++;
        }
      }),
    );
  });

  it('removes an item only when the policy dropped it or its parent is removed, and then removes its replies', () => {
    fc.assert(
      fc.property(cases, ([list, run, policy]) => {
        const rb = rebalancers.get(policy)!;
        const items = unique(list);
        const out = rankPrc(rb, items, stateAfter(rb, run), AT, POOL, null);
        const shown = new Set(out.rankedIds);
        const ids = new Set(items.map((item) => item.id));
        for (const item of items) {
          const parent = parentOf(item);
          const parentGone = parent !== null && ids.has(parent) && !shown.has(parent);
          if (parentGone) expect(shown.has(item.id)).toBe(false);
          if (!shown.has(item.id) && !parentGone) {
            // Dropped by the policy: only a triggering item can be.
            const triggering = Object.keys(
              rb.classify({ id: item.id, text: item.text }).triggering,
            );
            expect(triggering.length).toBeGreaterThan(0);
          }
        }
      }),
    );
  });

  it('orders the posts as rb.rebalance orders them as a feed, and each sibling level as a feed of its own', () => {
    fc.assert(
      fc.property(cases, ([list, run, policy]) => {
        const rb = rebalancers.get(policy)!;
        const state = stateAfter(rb, run);
        const items = unique(list);
        const out = rankPrc(rb, items, state, AT, POOL, null);
        const byId = new Map(items.map((item) => [item.id, item]));
        const levels = new Map<string, PrcContentItem[]>();
        for (const item of items) {
          const level = levelOf(item);
          levels.set(level, [...(levels.get(level) ?? []), item]);
        }
        const shown = new Set(out.rankedIds);
        for (const [level, members] of levels) {
          const expected = rb.rebalance({
            candidates: members.map((m) => ({ id: m.id, text: m.text })),
            recovery: level === 'feed' ? POOL : [],
            state,
            at: AT,
          });
          const served = expected.slots.map((s) => s.id).filter((id) => shown.has(id));
          const actual = out.rankedIds.filter(
            (id) =>
              (byId.has(id) && levelOf(byId.get(id)!) === level) ||
              (level === 'feed' && !byId.has(id)),
          );
          expect(actual).toEqual(served);
        }
      }),
    );
  });

  it('changes nothing when nothing is triggering or the policy is off', () => {
    fc.assert(
      fc.property(cases, ([list, run, policy]) => {
        const rb = rebalancers.get(policy)!;
        const calm = list.map((item) => ({ ...item, text: 'a walk by the river' }));
        const out = rankPrc(rb, calm, stateAfter(rb, run), AT, [], null);
        expect(out.rankedIds).toEqual(unique(calm).map((item) => item.id));
        // The off policy changes nothing, "see less" choices aside: they are the person's own.
        const off = rebalancers.get('off')!;
        const untouched = rankPrc(off, list, stateAfter(off, Math.abs(run)), AT, POOL, null);
        expect(untouched.rankedIds).toEqual(unique(list).map((item) => item.id));
        expect(untouched.newItems).toEqual([]);
        expect(untouched.interventionOn).toBe(false);
      }),
    );
  });

  it('ranks and records the same with the matcher\u2019s topics as with the text: one scan per item is exact', () => {
    // Titles and texts from evasive spellings, compounds, recovery compounds, names and idioms.
    const PHRASES = [
      '#thinspo',
      'th1nsp0 goals',
      '#thinspogoals',
      'pro ana tips',
      'ana de armas',
      '#anarecovery',
      '#edrecovery warrior',
      'suicid3',
      'self harm',
      '#selfharmfree',
      'what I ate today #WhatIEatInADay',
      'a walk by the river',
      'killing it at the gym',
      '',
    ];
    const phrase = fc.constantFrom(...PHRASES);
    const texts = fc.array(
      fc.record({
        title: fc.option(phrase, { nil: null }),
        text: fc.array(phrase, { maxLength: 3 }).map((words) => words.join(' ')),
      }),
      { minLength: 24, maxLength: 24 },
    );
    fc.assert(
      fc.property(cases, texts, ([list, run, policy], words) => {
        let matcher: TermMatcher | null = null;
        const rb = createRebalancer({
          taxonomy: presets.taxonomies.default,
          policy: presets.policies[policy],
          matcher: (entries) => (matcher = createEvasiveMatcher(entries)),
        });
        const worded = list.map((item, i) => ({ ...item, ...words[i % words.length]! }));
        const state = stateAfter(rb, run);
        const scanned = rankPrc(rb, worded, state, AT, POOL, matcher);
        const read = rankPrc(rb, worded, state, AT, POOL, null);
        expect(scanned.rankedIds).toEqual(read.rankedIds);
        expect(scanned.newItems).toEqual(read.newItems);
        expect(scanned.interventionOn).toBe(read.interventionOn);
        const seen = (shown: typeof read.shown): UserState =>
          rb.observe(
            state,
            shown.map((item) => ({ item, at: AT })),
          );
        expect(seen(scanned.shown)).toEqual(seen(read.shown));
        // Every text but the empty one reached the library as topics, scanned once.
        for (const item of scanned.shown) expect(item.text ?? '').toBe('');
      }),
      { numRuns: 150 },
    );
  });
});

describe('POST /rank', () => {
  const thread = [
    prcItem('post-1', { title: 'Weekend thread', text: 'share yours' }),
    prcItem('c-1', { type: 'comment', post_id: 'post-1', parent_id: '', text: 'mine #thinspo' }),
    prcItem('c-1-1', { type: 'comment', post_id: 'post-1', parent_id: 'c-1', text: 'reply' }),
    prcItem('c-1-1-1', { type: 'comment', post_id: 'post-1', parent_id: 'c-1-1', text: 'deeper' }),
    prcItem('c-2', { type: 'comment', post_id: 'post-1', parent_id: '', text: 'kind words' }),
  ];

  it('under the minor policy a triggering comment goes with its replies, a triggering title with the thread', async () => {
    const { app } = testServer({
      rebalancer: { taxonomy: presets.taxonomies.default, policy: presets.policies.minor },
    });
    const { status, json } = await post(app, '/rank', { session: prcSession(), items: thread });
    expect(status).toBe(200);
    expect(json).toEqual({
      ranked_ids: ['post-1', 'c-2'],
      new_items: [],
      metadata: { intervention_on: true },
    });
    const titled = [{ ...thread[0], title: 'Thinspiration thread' }, ...thread.slice(1)];
    const removed = await post(app, '/rank', { session: prcSession(), items: titled });
    expect(removed.json.ranked_ids).toEqual([]);
  });

  it('records what was served as impressions at current_time, and a prefetch records nothing', async () => {
    let store!: MemoryStateStore;
    const { app } = testServer({
      store: (options) => (store = new MemoryStateStore(options)),
      prc: { recovery: POOL },
    });
    const session = prcSession({ user_id: 'p1', current_time: '2024-01-20T18:41:20Z' });
    const items = Array.from({ length: 8 }, (_, i) => prcItem(`p${i}`));
    const prefetch = await post(app, '/rank', { session: { ...session, prefetch: true }, items });
    expect(prefetch.status).toBe(200);
    expect(await store.get('p1')).toBeUndefined();
    const served = await post(app, '/rank', { session, items });
    const state = await store.get('p1');
    expect(state?.impressions).toBe(served.json.ranked_ids.length);
    expect(state?.lastAt).toBe(Date.UTC(2024, 0, 20, 18, 41, 20));
    // The same count through the API.
    const assessed = await post(app, '/v1/assess', { userId: 'p1' });
    expect(assessed.json.impressions).toBe(served.json.ranked_ids.length);
  });

  it('inserts recovery items from the pool as new_items once a run is detected', async () => {
    const { app } = testServer({ prc: { recovery: POOL } });
    const session = prcSession({ user_id: 'runner' });
    const triggering = Array.from({ length: 12 }, (_, i) => prcItem(`t${i}`, { text: '#thinspo' }));
    await post(app, '/rank', { session, items: triggering });
    await post(app, '/rank', {
      session: { ...session, current_time: '2024-01-20 18:45:00' },
      items: triggering,
    });
    const mixed = Array.from({ length: 12 }, (_, i) =>
      prcItem(`m${i}`, { text: i % 3 === 0 ? '#thinspo' : 'river walk' }),
    );
    const { json } = await post(app, '/rank', {
      session: { ...session, current_time: '2024-01-20 18:50:00' },
      items: mixed,
    });
    expect(json.metadata.intervention_on).toBe(true);
    expect(json.new_items.length).toBeGreaterThan(0);
    for (const item of json.new_items) expect(json.ranked_ids).toContain(item.id);
  });

  it('refuses a recovery pool entry without an http(s) URL at start-up', () => {
    expect(() =>
      testServer({ prc: { recovery: [{ id: 'r', topics: ['ed-recovery'], url: 'ftp://x' }] } }),
    ).toThrow(/prc\.recovery\[0\]\.url must be an http or https URL/);
  });
});
