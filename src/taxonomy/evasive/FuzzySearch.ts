import type { TermAutomaton } from './TermAutomaton.js';
import { weightedDistance } from './weightedDistance.js';

/** Bits of the vowels a e i o u y in a letter mask. */
const VOWEL_BITS = (1 << 0) | (1 << 4) | (1 << 8) | (1 << 14) | (1 << 20) | (1 << 24);

/** Which of the letters a–z occur in `codes[start, end)`, one bit each. */
function letterMask(codes: Int32Array, start: number, end: number): number {
  let mask = 0;
  for (let i = start; i < end; i++) {
    const c = codes[i]!;
    if (c >= 97 && c <= 122) mask |= 1 << (c - 97);
  }
  return mask;
}

function popCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A lower bound, in half-units, on the cost of edits that bring in (or take out) every letter
 * of `missing`: each edit adds or removes one letter, a vowel for at least 1, anything else for
 * 2. It rejects most candidates before the distance is computed.
 */
function letterBound(missing: number): number {
  return popCount(missing & VOWEL_BITS) + 2 * popCount(missing & ~VOWEL_BITS);
}

/** What a {@link FuzzySearch} searches. @internal */
export interface FuzzyKeys {
  /** The trie of the hashtag keys, for the exact lookup that finds guard words. */
  readonly automaton: TermAutomaton;
  /** The hashtag keys, by id. */
  readonly keys: readonly Int32Array[];
  /** Per key, whether it stands for any topic, and for any that may match plain words. */
  readonly hasTopics: (id: number) => boolean;
  readonly plain: readonly (readonly string[])[];
  /** Per key, whether it is a guard word. */
  readonly guard: readonly boolean[];
  readonly fuzzyMinLength: number;
  /** In half-units. */
  readonly maxCost: number;
}

/**
 * The spelling-edit search of the evasive matcher: the key closest to a word within the cost
 * bound. Candidates share the word's first letter and differ in length by at most what the
 * bound allows; a letter-set bound rejects most of them before the weighted distance runs.
 *
 * @internal
 */
export class FuzzySearch {
  /** Fuzzy candidates by first code point of their normal form, in taxonomy order. */
  private readonly buckets = new Map<number, number[]>();
  /** Per key: which of the letters a–z it contains, one bit each. */
  private readonly letterMasks: Int32Array;
  private readonly rows: Int32Array;

  constructor(private readonly from: FuzzyKeys) {
    let longest = 0;
    const keys = from.keys;
    for (let id = 0; id < keys.length; id++) {
      const key = keys[id]!;
      if (key.length > longest) longest = key.length;
      if (key.length < from.fuzzyMinLength || !from.hasTopics(id)) continue;
      const bucket = this.buckets.get(key[0]!);
      if (bucket === undefined) this.buckets.set(key[0]!, [id]);
      else bucket.push(id);
    }
    this.rows = new Int32Array(3 * (longest + 1));
    this.letterMasks = Int32Array.from(keys, (key) => letterMask(key, 0, key.length));
  }

  /**
   * The key closest to `codes[start, start + length)` within the cost bound (earliest in
   * taxonomy order on a tie), or -1; never the word itself, and nothing for a guard word.
   *
   * @param plainOnly - only keys with topics that may match plain words of text
   */
  closest(codes: Int32Array, start: number, length: number, plainOnly: boolean): number {
    const { maxCost, keys, plain } = this.from;
    if (maxCost === 0 || length + maxCost < this.from.fuzzyMinLength) return -1;
    const bucket = this.buckets.get(codes[start]!);
    if (bucket === undefined) return -1;
    const exact = this.from.automaton.lookup(codes, start, start + length);
    if (exact >= 0 && this.from.guard[exact]) return -1;
    const mask = letterMask(codes, start, start + length);
    let best = -1;
    let bestCost = maxCost + 1;
    for (let b = 0; b < bucket.length; b++) {
      const id = bucket[b]!;
      if (id === exact) continue;
      const key = keys[id]!;
      const gap = key.length - length;
      if (gap > maxCost || -gap > maxCost) continue;
      if (plainOnly && plain[id]!.length === 0) continue;
      const keyMask = this.letterMasks[id]!;
      if (letterBound(keyMask & ~mask) >= bestCost || letterBound(mask & ~keyMask) >= bestCost)
        continue;
      const cost = weightedDistance(codes, start, length, key, bestCost - 1, this.rows);
      if (cost < bestCost) {
        best = id;
        bestCost = cost;
      }
    }
    return best;
  }
}
