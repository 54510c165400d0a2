import type { CompoundAffixes } from './compoundAffixes.js';
import type { EvasiveStream } from './EvasiveStream.js';
import type { FuzzySearch } from './FuzzySearch.js';
import {
  ALL,
  PLAIN,
  RECOVERY_ALL,
  RECOVERY_PLAIN,
  isDoubledCodeWord,
  type TopicTable,
} from './KeyTable.js';
import { TermAutomaton } from './TermAutomaton.js';

/** Kind bits of a suffix. */
const TRIGGERING = 1;
const RECOVERY = 2;
/** Tag-only terms may take the suffix too. */
const TAG_ONLY = 4;

/**
 * Compounds of the evasive matcher: a word that is a term followed by a suffix (`thinspo` +
 * `goals`), both in the evasive normal form. The suffixes sit in a trie of their reversed normal
 * forms, so a word is walked from its end and most words leave the trie after a letter or two;
 * only a word that ends in a suffix costs a stem lookup (exact, then one spelling edit for long
 * stems). The stem may end with the letter the suffix starts with, because repeated letters
 * are squeezed across the join: `ana` + `4life` → `anaalife` → `analife`.
 *
 * @internal
 */
export class CompoundSearch {
  private readonly suffixes: TermAutomaton;
  /** Kind bits per suffix id. */
  private readonly kinds: Uint8Array;

  /**
   * @param affixes - the validated suffix lists
   * @param stream - the normaliser whose output `find` reads
   * @param stems - the trie of the hashtag keys
   * @param topics - the hashtag keys' topic lists
   * @param fuzzy - the spelling-edit search over the hashtag keys
   */
  constructor(
    affixes: CompoundAffixes,
    private readonly stream: EvasiveStream,
    private readonly stems: TermAutomaton,
    private readonly topics: TopicTable,
    private readonly fuzzy: FuzzySearch,
  ) {
    const index = new Map<string, number>();
    const reversed: Int32Array[] = [];
    const kinds: number[] = [];
    const tagOnly = new Set(affixes.tagOnly);
    for (const [list, kind] of [
      [affixes.triggering, TRIGGERING],
      [affixes.recovery, RECOVERY],
    ] as const) {
      for (const affix of list) {
        stream.load(affix, false);
        if (stream.length === 0) continue;
        const key = stream.codes.slice(0, stream.length).reverse();
        const text = key.join(',');
        let id = index.get(text);
        if (id === undefined) {
          id = reversed.length;
          index.set(text, id);
          reversed.push(key);
          kinds.push(0);
        }
        // Two suffixes with one normal form: recovery wins, so a compound is never read as
        // triggering when one spelling of its suffix says recovery.
        let bits = kinds[id]! | kind | (tagOnly.has(affix) ? TAG_ONLY : 0);
        if ((bits & RECOVERY) !== 0) bits &= ~TRIGGERING;
        kinds[id] = bits;
      }
    }
    this.suffixes = new TermAutomaton(reversed);
    this.kinds = Uint8Array.from(kinds);
  }

  /**
   * The compound `codes[start, end)` stands for, or -1: encoded as `key * 4 + list`, where `key`
   * is the stem's hashtag key and `list` which of its topic lists (`ALL` … `RECOVERY_PLAIN`)
   * the compound reads as. The shortest suffix that leaves a known stem wins; a stem is a term
   * as written, or within one spelling edit when it keeps all its letters before the suffix.
   *
   * @param plainWord - a plain word of text: only stems that may match plain words count
   */
  find(codes: Int32Array, start: number, end: number, plainWord: boolean): number {
    const suffixes = this.suffixes;
    let node = 0;
    // At least one letter of stem stays before the suffix.
    for (let i = end - 1; i > start; i--) {
      node = suffixes.child(node, codes[i]!);
      if (node < 0) return -1;
      const suffix = suffixes.keyAt[node]!;
      if (suffix < 0) continue;
      const kind = this.kinds[suffix]!;
      const found = this.stem(codes, start, i, kind, plainWord, true);
      if (found >= 0) return found;
      // The stem may have ended with the suffix's first letter, squeezed into one. Such a stem
      // must be a term as written: with a spelling edit too, a name plus "pics" would come
      // within reach ("bonniespics" → "bonesp" + "ics").
      const merged = this.stem(codes, start, i + 1, kind, plainWord, false);
      if (merged >= 0) return merged;
    }
    return -1;
  }

  /** The encoded stem match of `codes[start, end)` for a suffix of `kind`, or -1. */
  private stem(
    codes: Int32Array,
    start: number,
    end: number,
    kind: number,
    plainWord: boolean,
    edits: boolean,
  ): number {
    const anyStem = !plainWord && (kind & TAG_ONLY) !== 0;
    const list =
      (kind & RECOVERY) !== 0 ? (anyStem ? RECOVERY_ALL : RECOVERY_PLAIN) : anyStem ? ALL : PLAIN;
    const lists = this.topics.topics[list]!;
    let key = this.stems.lookup(codes, start, end);
    if (key >= 0 && isDoubledCodeWord(this.stream, start, end, this.topics, key)) return -1;
    if ((key < 0 || this.topics.all[key]!.length === 0) && edits) {
      // A guard word is never a stem (the search returns nothing for it).
      key = this.fuzzy.closest(codes, start, end - start, !anyStem);
    }
    return key >= 0 && lists[key]!.length > 0 ? key * 4 + list : -1;
  }
}
