import type { CompoundSearch } from './CompoundSearch.js';
import { HASHTAG, PHRASE_BREAK, WORD_START, type EvasiveStream } from './EvasiveStream.js';
import type { FuzzySearch } from './FuzzySearch.js';
import type { TermAutomaton } from './TermAutomaton.js';
import { isDoubledCodeWord, type TopicTable } from './KeyTable.js';

const NONE: readonly string[] = Object.freeze([]);

/** What a {@link TextScanner} matches against. @internal */
export interface TextKeys {
  readonly stream: EvasiveStream;
  /** Automaton and topics of the text keys (terms squeezed per word). */
  readonly automaton: TermAutomaton;
  readonly topics: TopicTable;
  /** Topics of the hashtag keys, for spelling edits and compounds. */
  readonly tagTopics: TopicTable;
  readonly fuzzy: FuzzySearch;
  readonly compounds: CompoundSearch | null;
  readonly fuzzyMinLength: number;
  /** In half-units. */
  readonly maxCost: number;
  /** How many topics the matcher knows, for the deduplication stamps. */
  readonly topicCount: number;
}

/**
 * The free-text scan of the evasive matcher. One pass of an Aho–Corasick automaton over the
 * text's normal form finds every term on word boundaries; then each word no match covers is
 * tried as a compound and by spelling edits. Scratch space is reused from call to call, so a
 * scan allocates only its result.
 *
 * @internal
 */
export class TextScanner {
  private readonly textKeyLength: Int32Array;
  private readonly stamps: Uint32Array;
  private generation = 0;
  private matchStart = new Int32Array(16);
  private matchEnd = new Int32Array(16);
  private matchKey = new Int32Array(16);
  private maxEndFrom = new Int32Array(64);
  private maxEndBefore = new Int32Array(64);

  constructor(
    private readonly keys: TextKeys,
    textKeys: readonly Int32Array[],
  ) {
    this.textKeyLength = Int32Array.from(textKeys, (key) => key.length);
    this.stamps = new Uint32Array(keys.topicCount);
  }

  /** The topics whose terms occur in `text`, each once, frozen. */
  scan(text: string): readonly string[] {
    const { stream, automaton, topics } = this.keys;
    stream.load(text, true);
    const n = stream.length;
    if (n === 0) return NONE;
    const { codes, flags } = stream;
    this.reserve(n);
    const maxEndFrom = this.maxEndFrom.fill(-1, 0, n);
    let matches = 0;
    let state = 0;
    for (let end = 0; end < n; end++) {
      state = automaton.step(state, codes[end]!);
      const outputs = automaton.outputs[state]!;
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
        if (!isTag && topics.plain[key]!.length === 0) continue;
        if (isDoubledCodeWord(stream, start, end + 1, topics, key)) continue;
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
          ? this.collect(found, generation, topics.all[key]!, topics.allIds[key]!)
          : this.collect(found, generation, topics.plain[-1 - key]!, topics.plainIds[-1 - key]!);
    }
    if (this.keys.maxCost > 0 || this.keys.compounds !== null)
      found = this.scanWords(found, generation, n);
    return found === null ? NONE : Object.freeze(found);
  }

  /** Compounds, then spelling edits, on the words no match covers. */
  private scanWords(found: string[] | null, generation: number, n: number): string[] | null {
    const { stream, tagTopics, fuzzy, compounds, maxCost } = this.keys;
    const { codes, flags } = stream;
    // Every inserted or deleted letter costs at least half a unit, so lengths differ by at most maxCost.
    const shortest = maxCost > 0 ? this.keys.fuzzyMinLength - maxCost : Infinity;
    for (let start = 0; start < n;) {
      let end = start + 1;
      while (end < n && (flags[end]! & WORD_START) === 0) end++;
      const covered = Math.max(this.maxEndBefore[start]!, this.maxEndFrom[start]!) >= end - 1;
      if (!covered) {
        const isTag = (flags[start]! & HASHTAG) !== 0;
        const compound = compounds === null ? -1 : compounds.find(codes, start, end, !isTag);
        if (compound >= 0) {
          const key = compound >> 2;
          const list = compound & 3;
          found = this.collect(
            found,
            generation,
            tagTopics.topics[list]![key]!,
            tagTopics.ids[list]![key]!,
          );
        } else if (end - start >= shortest) {
          const key = fuzzy.closest(codes, start, end - start, !isTag);
          if (key >= 0) {
            found = isTag
              ? this.collect(found, generation, tagTopics.all[key]!, tagTopics.allIds[key]!)
              : this.collect(found, generation, tagTopics.plain[key]!, tagTopics.plainIds[key]!);
          }
        }
      }
      start = end;
    }
    return found;
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
