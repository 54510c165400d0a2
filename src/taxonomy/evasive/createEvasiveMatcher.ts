import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue } from '../../errors/describe.js';
import type { TermEntry, TermMatcher } from '../match/types.js';
import { EvasiveStream, HASHTAG, PHRASE_BREAK, WORD_START } from './EvasiveStream.js';
import { TermAutomaton } from './TermAutomaton.js';
import {
  resolveEvasiveOptions,
  type EvasiveMatcherOptions,
  type ResolvedEvasiveOptions,
} from './options.js';
import { weightedDistance } from './weightedDistance.js';

/** Terms this short match only whole hashtags, as in the exact matcher ("ana", "mia", "kms"). */
const TAG_ONLY_MAX_LENGTH = 3;

const NONE: readonly string[] = Object.freeze([]);

/** Longest hashtag, in UTF-16 units, that the memo keeps. */
const MEMO_MAX_TAG_LENGTH = 64;

/** Distinct keys of one normal form, with the topics each stands for. */
class KeyTable {
  readonly keys: Int32Array[] = [];
  /** Topics of every entry with the key. */
  readonly all: string[][] = [];
  /** Topics of entries that may match plain words of text (not tag-only). */
  readonly plain: string[][] = [];
  readonly guard: boolean[] = [];
  private readonly index = new Map<string, number>();

  idOf(stream: EvasiveStream): number {
    const key = stream.codes.slice(0, stream.length);
    const text = key.join(',');
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.keys.length;
      this.index.set(text, id);
      this.keys.push(key);
      this.all.push([]);
      this.plain.push([]);
      this.guard.push(false);
    }
    return id;
  }
}

interface Frozen {
  readonly all: readonly (readonly string[])[];
  readonly plain: readonly (readonly string[])[];
  readonly allIds: readonly Int32Array[];
  readonly plainIds: readonly Int32Array[];
}

/**
 * Builds a {@link TermMatcher} that also recognises the deliberate misspellings communities use
 * to dodge moderation: leetspeak (`th1nspo`), lookalike letters from other scripts (`thіnspо`
 * with Cyrillic і and о), accents and strokes (`thinsrpø`), separators and invisible characters
 * (`thin_spo`, `thin\u200bspo`), emoji inside a word, stretched letters (`thinspooo`), and, for
 * terms of at least `fuzzyMinLength` letters, one weighted spelling edit (`thyghgap` for
 * `thighgap`, `selfharn` for `selfharm`, `anarexyia` for `anorexia`: vowel edits cost half).
 * See {@link normalizeEvasive} for the normal form.
 *
 * It keeps the exact matcher's rules for what may match where: free text matches whole words
 * and phrases only ("ana" never inside "banana", "thinspiration" never inside "withinspiration"),
 * a shorter term found inside a longer one that matched ("self harm" in "self harm recovery")
 * does not count, and terms of at most three letters or flagged `tagOnly` match only whole
 * hashtags — an item's hashtag or a `#word` of its text, never a plain word ("Mia", "Sue's"). A
 * spelling edit never turns a term of fewer than `fuzzyMinLength` letters, a word of `guard`, or
 * a different first letter into a match.
 *
 * Hashtags are matched without allocating: the normal form is walked through a precompiled trie,
 * and results are frozen arrays shared between calls. Free text is scanned in one pass with an
 * Aho–Corasick automaton over its normal form.
 *
 * @param entries - every term with the topic it labels
 * @param options - spelling-edit settings
 * @returns a matcher whose results are frozen arrays of unique topic ids
 * @throws RebalanceError with code `argument` when an entry or an option is malformed
 *
 * @example
 * ```ts
 * import { createEvasiveMatcher } from 'feed-rebalancer';
 * const matcher = createEvasiveMatcher([
 *   { term: 'thinspo', topic: 'thinspiration' },
 *   { term: 'thighgap', topic: 'thinspiration' },
 *   { term: 'ana', topic: 'pro-ana' },
 * ]);
 * matcher.matchTag('#th1nsp000'); // ['thinspiration']
 * matcher.matchTag('#thyghgapp'); // ['thinspiration']
 * matcher.scanText('banana bread in Montana'); // []
 * matcher.scanText('new #ana post'); // ['pro-ana']
 * ```
 */
export function createEvasiveMatcher(
  entries: readonly TermEntry[],
  options?: EvasiveMatcherOptions,
): TermMatcher {
  const resolved = resolveEvasiveOptions(options);
  if (!Array.isArray(entries)) {
    throw new RebalanceError(
      'argument',
      `createEvasiveMatcher: entries must be an array (got ${describeValue(entries)})`,
      '',
    );
  }
  const stream = new EvasiveStream();
  const tags = new KeyTable();
  const texts = new KeyTable();
  const topicIndex = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const { term, topic, tagOnly } = readEntry(entries[i], i);
    if (!topicIndex.has(topic)) topicIndex.set(topic, topicIndex.size);
    stream.load(term, false);
    if (stream.length === 0) continue;
    const onlyTags = tagOnly || stream.length <= TAG_ONLY_MAX_LENGTH;
    const tagId = tags.idOf(stream);
    addOnce(tags.all[tagId]!, topic);
    if (!onlyTags) addOnce(tags.plain[tagId]!, topic);
    // Text squeezes letters within a word only, so a phrase term is found both when written as
    // words ("thin new" → thinnew) and when joined into one word ("thin_new" → thinew).
    for (const text of [false, true]) {
      if (text) stream.load(term, true);
      const textId = texts.idOf(stream);
      addOnce(texts.all[textId]!, topic);
      if (!onlyTags) addOnce(texts.plain[textId]!, topic);
    }
  }
  for (const word of resolved.guard) {
    stream.load(word, false);
    if (stream.length > 0) tags.guard[tags.idOf(stream)] = true;
  }
  return new EvasiveMatcher(stream, tags, texts, topicIndex, resolved);
}

function readEntry(entry: unknown, i: number): { term: string; topic: string; tagOnly: boolean } {
  const path = `entries[${i}]`;
  if (typeof entry !== 'object' || entry === null) {
    throw new RebalanceError(
      'argument',
      `createEvasiveMatcher: ${path} must be an object (got ${describeValue(entry)})`,
      path,
    );
  }
  const { term, topic, tagOnly } = entry as Record<string, unknown>;
  if (typeof term !== 'string') {
    throw new RebalanceError(
      'argument',
      `createEvasiveMatcher: ${path}.term must be a string (got ${describeValue(term)})`,
      `${path}.term`,
    );
  }
  if (typeof topic !== 'string' || topic === '') {
    throw new RebalanceError(
      'argument',
      `createEvasiveMatcher: ${path}.topic must be a non-empty string (got ${describeValue(topic)})`,
      `${path}.topic`,
    );
  }
  if (tagOnly !== undefined && typeof tagOnly !== 'boolean') {
    throw new RebalanceError(
      'argument',
      `createEvasiveMatcher: ${path}.tagOnly must be a boolean (got ${describeValue(tagOnly)})`,
      `${path}.tagOnly`,
    );
  }
  return { term, topic, tagOnly: tagOnly === true };
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function freeze(table: KeyTable, topicIndex: ReadonlyMap<string, number>): Frozen {
  const share = (lists: string[][]): (readonly string[])[] =>
    lists.map((list) => (list.length === 0 ? NONE : Object.freeze(list)));
  const ids = (lists: string[][]): Int32Array[] =>
    lists.map((list) => Int32Array.from(list, (topic) => topicIndex.get(topic)!));
  return {
    all: share(table.all),
    plain: share(table.plain),
    allIds: ids(table.all),
    plainIds: ids(table.plain),
  };
}

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

class EvasiveMatcher implements TermMatcher {
  private readonly tagAutomaton: TermAutomaton;
  private readonly textAutomaton: TermAutomaton;
  private readonly tagTopics: Frozen;
  private readonly textTopics: Frozen;
  private readonly tagKeys: readonly Int32Array[];
  private readonly guard: readonly boolean[];
  private readonly textKeyLength: Int32Array;
  /** Fuzzy candidates by first code point of their normal form, in taxonomy order. */
  private readonly buckets = new Map<number, number[]>();
  private readonly topics: readonly string[];
  private readonly rows: Int32Array;
  /** Per tag key: which of the letters a–z it contains, one bit each. */
  private readonly letterMasks: Int32Array;
  private readonly stamps: Uint32Array;
  private generation = 0;
  private readonly fuzzyMinLength: number;
  /** In half-units. */
  private readonly maxCost: number;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, readonly string[]>();
  // Scratch space reused by scanText so scanning allocates only its result.
  private matchStart = new Int32Array(16);
  private matchEnd = new Int32Array(16);
  private matchKey = new Int32Array(16);
  private maxEndFrom = new Int32Array(64);
  private maxEndBefore = new Int32Array(64);

  constructor(
    private readonly stream: EvasiveStream,
    tags: KeyTable,
    texts: KeyTable,
    topicIndex: ReadonlyMap<string, number>,
    options: ResolvedEvasiveOptions,
  ) {
    this.fuzzyMinLength = options.fuzzyMinLength;
    this.maxCost = options.maxCost;
    this.cacheSize = options.cacheSize;
    this.tagAutomaton = new TermAutomaton(tags.keys);
    this.textAutomaton = new TermAutomaton(texts.keys);
    this.tagTopics = freeze(tags, topicIndex);
    this.textTopics = freeze(texts, topicIndex);
    this.tagKeys = tags.keys;
    this.guard = tags.guard;
    this.textKeyLength = Int32Array.from(texts.keys, (key) => key.length);
    this.topics = [...topicIndex.keys()];
    this.stamps = new Uint32Array(this.topics.length);
    let longest = 0;
    for (let id = 0; id < tags.keys.length; id++) {
      const key = tags.keys[id]!;
      if (key.length > longest) longest = key.length;
      if (key.length < this.fuzzyMinLength || tags.all[id]!.length === 0) continue;
      const bucket = this.buckets.get(key[0]!);
      if (bucket === undefined) this.buckets.set(key[0]!, [id]);
      else bucket.push(id);
    }
    this.rows = new Int32Array(3 * (longest + 1));
    this.letterMasks = Int32Array.from(tags.keys, (key) => letterMask(key, 0, key.length));
  }

  matchTag(tag: string): readonly string[] {
    if (typeof tag !== 'string') return NONE;
    const known = this.cache.get(tag);
    if (known !== undefined) return known;
    const topics = this.matchTagUncached(tag);
    // Only tag-sized strings are remembered, so the memo's memory stays bounded.
    if (this.cacheSize > 0 && tag.length <= MEMO_MAX_TAG_LENGTH) {
      // A whole-memo reset keeps the bound without per-entry bookkeeping on the hot path.
      if (this.cache.size >= this.cacheSize) this.cache.clear();
      this.cache.set(tag, topics);
    }
    return topics;
  }

  private matchTagUncached(tag: string): readonly string[] {
    const stream = this.stream;
    stream.load(tag, false);
    const length = stream.length;
    if (length === 0) return NONE;
    const id = this.tagAutomaton.lookup(stream.codes, 0, length);
    if (id >= 0 && this.tagTopics.all[id]!.length > 0) return this.tagTopics.all[id]!;
    const fuzzy = this.fuzzy(stream.codes, 0, length, false);
    return fuzzy < 0 ? NONE : this.tagTopics.all[fuzzy]!;
  }

  scanText(text: string): readonly string[] {
    if (typeof text !== 'string' || text === '') return NONE;
    const stream = this.stream;
    stream.load(text, true);
    const n = stream.length;
    if (n === 0) return NONE;
    const { codes, flags } = stream;
    this.reserve(n);
    const maxEndFrom = this.maxEndFrom.fill(-1, 0, n);
    let matches = 0;
    let state = 0;
    for (let end = 0; end < n; end++) {
      state = this.textAutomaton.step(state, codes[end]!);
      const outputs = this.textAutomaton.outputs[state]!;
      if (outputs.length === 0) continue;
      if (end + 1 < n && (flags[end + 1]! & WORD_START) === 0) continue;
      for (let o = 0; o < outputs.length; o++) {
        const key = outputs[o]!;
        const start = end - this.textKeyLength[key]! + 1;
        if ((flags[start]! & WORD_START) === 0) continue;
        let inner = 0;
        for (let j = start + 1; j <= end; j++) inner |= flags[j]!;
        // A hashtag matches alone and with all its topics; a phrase never runs across
        // punctuation or a hashtag, and only matches terms that are not tag-only.
        const isTag = (flags[start]! & HASHTAG) !== 0;
        if (isTag ? (inner & WORD_START) !== 0 : (inner & (PHRASE_BREAK | HASHTAG)) !== 0) continue;
        if (!isTag && this.textTopics.plain[key]!.length === 0) continue;
        this.record(matches++, start, end, isTag ? key : -1 - key);
        if (end > maxEndFrom[start]!) maxEndFrom[start] = end;
      }
    }
    const maxEndBefore = this.maxEndBefore;
    let running = -1;
    for (let i = 0; i < n; i++) {
      maxEndBefore[i] = running;
      if (maxEndFrom[i]! > running) running = maxEndFrom[i]!;
    }
    const generation = this.nextGeneration();
    let found: string[] | null = null;
    for (let m = 0; m < matches; m++) {
      const start = this.matchStart[m]!;
      const end = this.matchEnd[m]!;
      // A term inside a longer term found at word boundaries does not count on its own.
      if (maxEndBefore[start]! >= end || maxEndFrom[start]! > end) continue;
      const key = this.matchKey[m]!;
      found =
        key >= 0
          ? this.collect(found, generation, this.textTopics.all[key]!, this.textTopics.allIds[key]!)
          : this.collect(
              found,
              generation,
              this.textTopics.plain[-1 - key]!,
              this.textTopics.plainIds[-1 - key]!,
            );
    }
    if (this.maxCost > 0) found = this.scanWordsFuzzily(found, generation, n);
    return found === null ? NONE : Object.freeze(found);
  }

  /** Spelling edits on the words no exact match covers. */
  private scanWordsFuzzily(found: string[] | null, generation: number, n: number): string[] | null {
    const { codes, flags } = this.stream;
    // Every inserted or deleted letter costs at least half a unit, so lengths differ by at most maxCost.
    const shortest = this.fuzzyMinLength - this.maxCost;
    for (let start = 0; start < n;) {
      let end = start + 1;
      while (end < n && (flags[end]! & WORD_START) === 0) end++;
      const covered = Math.max(this.maxEndBefore[start]!, this.maxEndFrom[start]!) >= end - 1;
      if (!covered && end - start >= shortest) {
        const isTag = (flags[start]! & HASHTAG) !== 0;
        const key = this.fuzzy(codes, start, end - start, !isTag);
        if (key >= 0) {
          found = isTag
            ? this.collect(found, generation, this.tagTopics.all[key]!, this.tagTopics.allIds[key]!)
            : this.collect(
                found,
                generation,
                this.tagTopics.plain[key]!,
                this.tagTopics.plainIds[key]!,
              );
        }
      }
      start = end;
    }
    return found;
  }

  /**
   * The fuzzy candidate closest to `codes[start, start + length)` within the cost bound (earliest
   * in taxonomy order on a tie), or -1. Candidates share the first letter and differ in length by
   * at most what the bound allows; guard words never match.
   */
  private fuzzy(codes: Int32Array, start: number, length: number, plainOnly: boolean): number {
    const maxCost = this.maxCost;
    if (maxCost === 0 || length + maxCost < this.fuzzyMinLength) return -1;
    const bucket = this.buckets.get(codes[start]!);
    if (bucket === undefined) return -1;
    const exact = this.tagAutomaton.lookup(codes, start, start + length);
    if (exact >= 0 && this.guard[exact]) return -1;
    const mask = letterMask(codes, start, start + length);
    let best = -1;
    let bestCost = maxCost + 1;
    for (let b = 0; b < bucket.length; b++) {
      const id = bucket[b]!;
      if (id === exact) continue;
      const key = this.tagKeys[id]!;
      const gap = key.length - length;
      if (gap > maxCost || -gap > maxCost) continue;
      if (plainOnly && this.tagTopics.plain[id]!.length === 0) continue;
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

  private collect(
    found: string[] | null,
    generation: number,
    topics: readonly string[],
    ids: Int32Array,
  ): string[] | null {
    for (let t = 0; t < ids.length; t++) {
      const id = ids[t]!;
      if (this.stamps[id] === generation) continue;
      this.stamps[id] = generation;
      (found ??= []).push(topics[t]!);
    }
    return found;
  }

  private nextGeneration(): number {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  private record(m: number, start: number, end: number, key: number): void {
    if (m >= this.matchStart.length) {
      const grow = (from: Int32Array): Int32Array<ArrayBuffer> => {
        const to = new Int32Array(from.length * 2);
        to.set(from);
        return to;
      };
      this.matchStart = grow(this.matchStart);
      this.matchEnd = grow(this.matchEnd);
      this.matchKey = grow(this.matchKey);
    }
    this.matchStart[m] = start;
    this.matchEnd[m] = end;
    this.matchKey[m] = key;
  }

  private reserve(n: number): void {
    if (this.maxEndFrom.length >= n) return;
    this.maxEndFrom = new Int32Array(n * 2);
    this.maxEndBefore = new Int32Array(n * 2);
  }
}
