import fc from 'fast-check';
import type { Impression, Item } from '../../item/types.js';
import { FEED_MIX, type ContentMix } from './content.js';
import { draftArbitrary, toItem, type Draft } from './items.js';
import type { Vocabulary } from './vocabulary.js';

/** Where generated streams start (ms since the epoch: November 2023). @internal */
export const STREAM_START = 1_700_000_000_000;

/** Gap before a block that starts a new session (two hours, past any usual session gap). */
const AWAY_MS = 2 * 60 * 60 * 1000;

type Block =
  | {
      readonly kind: 'items';
      readonly drafts: readonly Draft[];
      readonly away: boolean;
      readonly gaps: readonly number[];
      readonly dwell: readonly (number | null)[];
    }
  | {
      readonly kind: 'pool';
      readonly picks: readonly number[];
      readonly away: boolean;
      readonly gaps: readonly number[];
      readonly dwell: readonly (number | null)[];
    };

const RUN_MIX: ContentMix = { triggering: 6, overlap: 2, evasive: 1, borderline: 1 };
const CALM_MIX: ContentMix = { ordinary: 6, recovery: 1 };

function timing(length: fc.Arbitrary<number>) {
  return length.chain((n) =>
    fc.record({
      away: fc.boolean(),
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
 * Impression streams that look like a feed session: blocks of runs on one or two themes, mixed
 * triggering runs, calm stretches,
 * mixed feed, and recovery items from the pool seen again (so that cooldowns matter), with
 * realistic gaps, an occasional long absence (a new session), and dwell times.
 *
 * @internal
 */
export function impressionsArbitrary(
  v: Vocabulary,
  dimension: number,
  pool: readonly Item[],
  maxBlocks: number,
): fc.Arbitrary<Impression[]> {
  const blocks: fc.Arbitrary<Block>[] = [
    itemsBlock(v, RUN_MIX, dimension),
    itemsBlock(v, CALM_MIX, dimension),
    itemsBlock(v, FEED_MIX, dimension),
  ];
  if (v.triggering.length > 0) blocks.push(focusedBlock(v, dimension), focusedBlock(v, dimension));
  if (pool.length > 0)
    blocks.push(
      fc
        .array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 3 })
        .chain((picks) =>
          timing(fc.constant(picks.length)).map((t) => ({ kind: 'pool' as const, picks, ...t })),
        ),
    );
  return fc.array(fc.oneof(...blocks), { maxLength: maxBlocks }).map((list) => {
    const out: Impression[] = [];
    let at = STREAM_START;
    let serial = 0;
    for (const block of list) {
      const n = block.kind === 'items' ? block.drafts.length : block.picks.length;
      for (let i = 0; i < n; i++) {
        at += i === 0 && block.away && out.length > 0 ? AWAY_MS : block.gaps[i]!;
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
