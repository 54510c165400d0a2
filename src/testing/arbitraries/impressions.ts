import fc from 'fast-check';
import type { ObserveEvent } from '../../exposure/types.js';
import type { Item } from '../../item/types.js';
import { FEED_MIX, type ContentMix } from './content.js';
import { draftArbitrary, toItem, type Draft } from './items.js';
import type { Vocabulary } from './vocabulary.js';

/** Where generated streams start (ms since the epoch: November 2023). @internal */
export const STREAM_START = 1_700_000_000_000;

/** Gap before a block that starts a new session (two hours, past any usual session gap). */
const AWAY_MS = 2 * 60 * 60 * 1000;

/**
 * Gap before a block that follows a long absence: 14 days, the removal period of "see less"
 * (`SEE_LESS.removeDays`), so that feedback given before it has lapsed by the next request.
 */
const LONG_AWAY_MS = 14 * 24 * 60 * 60 * 1000;

interface Timing {
  /** Gap before the block's first event: 0 (none), a new session, or a long absence. */
  readonly away: number;
  readonly gaps: readonly number[];
  readonly dwell: readonly (number | null)[];
}

type Block =
  | ({ readonly kind: 'items'; readonly drafts: readonly Draft[] } & Timing)
  | ({ readonly kind: 'pool'; readonly picks: readonly number[] } & Timing)
  | ({ readonly kind: 'seeLess'; readonly targets: readonly string[] } & Timing);

const RUN_MIX: ContentMix = { triggering: 6, overlap: 2, evasive: 1, borderline: 1 };
const CALM_MIX: ContentMix = { ordinary: 6, recovery: 1 };

function timing(length: fc.Arbitrary<number>): fc.Arbitrary<Timing> {
  return length.chain((n) =>
    fc.record({
      away: fc.oneof(
        { weight: 4, arbitrary: fc.constant(0) },
        { weight: 4, arbitrary: fc.constant(AWAY_MS) },
        { weight: 1, arbitrary: fc.constant(LONG_AWAY_MS) },
      ),
      gaps: fc.array(fc.integer({ min: 1_000, max: 40_000 }), { minLength: n, maxLength: n }),
      dwell: fc.array(fc.option(fc.integer({ min: 0, max: 60_000 }), { freq: 2 }), {
        minLength: n,
        maxLength: n,
      }),
    }),
  );
}

function itemsBlock(v: Vocabulary, mix: ContentMix, dimension: number): fc.Arbitrary<Block> {
  return fc
    .array(draftArbitrary(v, mix, dimension), { minLength: 1, maxLength: 8 })
    .chain((drafts) =>
      timing(fc.constant(drafts.length)).map((t) => ({ kind: 'items' as const, drafts, ...t })),
    );
}

/**
 * A run on one theme (or on two at once): every item carries the same triggering topic, and
 * sometimes a second group's — how a rabbit hole looks, and what raises one group's level (or
 * two groups' together, so that several groups call for recovery).
 */
function focusedBlock(v: Vocabulary, dimension: number): fc.Arbitrary<Block> {
  const topic = fc.constantFrom(...v.triggering);
  return fc
    .tuple(
      topic,
      fc.option(topic, { freq: 3 }),
      fc.array(draftArbitrary(v, CALM_MIX, dimension), { minLength: 3, maxLength: 8 }),
    )
    .chain(([first, second, bases]) => {
      const topics = second === null ? [first.topic] : [first.topic, second.topic];
      const drafts = bases.map((d): Draft => ({ content: { topics }, embedding: d.embedding }));
      return timing(fc.constant(drafts.length)).map((t) => ({
        kind: 'items' as const,
        drafts,
        ...t,
      }));
    });
}

/**
 * "See less" feedback, one or two events: the person asks to see less of a group (half the
 * time) or of one of its triggering topics — the only targets `observe` accepts.
 */
function seeLessBlock(v: Vocabulary): fc.Arbitrary<Block> {
  const target = fc.oneof(
    fc.constantFrom(...v.groups),
    fc.constantFrom(...v.triggering.map((t) => t.topic)),
  );
  return fc.array(target, { minLength: 1, maxLength: 2 }).chain((targets) =>
    timing(fc.constant(targets.length)).map((t) => ({
      kind: 'seeLess' as const,
      targets,
      ...t,
    })),
  );
}

/**
 * Streams that look like a feed session: blocks of runs on one or two themes, mixed triggering
 * runs, calm stretches, mixed feed, recovery items from the pool seen again (so that cooldowns
 * matter), and "see less" feedback on a group or a triggering topic, with realistic gaps, an
 * occasional new session, a rare absence of 14 days (after which earlier "see less" feedback has
 * lapsed), and dwell times. Events are in time order.
 *
 * @internal
 */
export function impressionsArbitrary(
  v: Vocabulary,
  dimension: number,
  pool: readonly Item[],
  maxBlocks: number,
): fc.Arbitrary<ObserveEvent[]> {
  const blocks: fc.Arbitrary<Block>[] = [
    itemsBlock(v, RUN_MIX, dimension),
    itemsBlock(v, CALM_MIX, dimension),
    itemsBlock(v, FEED_MIX, dimension),
  ];
  if (v.triggering.length > 0)
    blocks.push(focusedBlock(v, dimension), focusedBlock(v, dimension), seeLessBlock(v));
  if (pool.length > 0)
    blocks.push(
      fc
        .array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 3 })
        .chain((picks) =>
          timing(fc.constant(picks.length)).map((t) => ({ kind: 'pool' as const, picks, ...t })),
        ),
    );
  return fc.array(fc.oneof(...blocks), { maxLength: maxBlocks }).map((list) => {
    const out: ObserveEvent[] = [];
    let at = STREAM_START;
    let serial = 0;
    for (const block of list) {
      const n = block.gaps.length;
      for (let i = 0; i < n; i++) {
        at += i === 0 && block.away > 0 && out.length > 0 ? block.away : block.gaps[i]!;
        if (block.kind === 'seeLess') {
          out.push({ seeLess: { target: block.targets[i]! }, at });
          continue;
        }
        const item =
          block.kind === 'items'
            ? toItem(block.drafts[i]!, `s${serial++}`)
            : pool[block.picks[i]!]!;
        const dwell = block.dwell[i] ?? null;
        out.push(dwell === null ? { item, at } : { item, at, dwellMs: dwell });
      }
    }
    return out;
  });
}
