import { failInput } from '../../validate/fail.js';
import type { TermEntry, TermMatcher } from '../match/types.js';
import { CompoundSearch } from './CompoundSearch.js';
import { EvasiveStream } from './EvasiveStream.js';
import { FuzzySearch } from './FuzzySearch.js';
import { KeyTable, TAG_ONLY_MAX_LENGTH, isDoubledCodeWord, type TopicTable } from './KeyTable.js';
import { TermAutomaton } from './TermAutomaton.js';
import { TextScanner } from './TextScanner.js';
import { resolveEvasiveOptions, type EvasiveMatcherOptions } from './options.js';

const NONE: readonly string[] = Object.freeze([]);

/** Longest hashtag, in UTF-16 units, that the memo keeps. */
const MEMO_MAX_TAG_LENGTH = 64;

/**
 * Builds a {@link TermMatcher} that also recognises the deliberate misspellings communities use
 * to dodge moderation: leetspeak (`th1nspo`), lookalike letters from other scripts (`thіnspо`
 * with Cyrillic і and о), accents and strokes (`thinsrpø`), separators and invisible characters
 * (`thin_spo`, `thin\u200bspo`), emoji inside a word, stretched letters (`thinspooo`), and, for
 * terms of at least `fuzzyMinLength` letters, one weighted spelling edit (`thyghgap` for
 * `thighgap`, `selfharn` for `selfharm`, `anarexyia` for `anorexia`: vowel edits cost half).
 * See {@link normalizeEvasive} for the normal form. It is the default matcher of
 * `createRebalancer`.
 *
 * Compounds count too: a term followed by a suffix of {@link DEFAULT_COMPOUND_AFFIXES}
 * (`#th1nsp0g0als`, `#thinspo_quotes`, `#anatips`) is the term's topic, and a triggering term
 * followed by a recovery suffix (`#anarecovery`, `#selfharmfree`) is the recovery topic of the
 * term's group (the group's first recovery topic with terms, known from each entry's `group`
 * and `role`), never the triggering one. Tag-only terms take only the suffixes listed for them,
 * so a name stays a name (`#miagirl`).
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
 * and results are frozen arrays shared between calls. Compounds and spelling edits are tried
 * only when that walk finds no term. Free text is scanned in one pass with an Aho–Corasick
 * automaton over its normal form.
 *
 * @param entries - every term with the topic it labels (and its group and role, when known)
 * @param options - spelling-edit, compound and memo settings
 * @returns a matcher whose results are frozen arrays of unique topic ids
 * @throws RebalanceError with code `argument` when an entry or an option is malformed
 *
 * @example
 * ```ts
 * import { createEvasiveMatcher } from 'feed-rebalancer';
 * const matcher = createEvasiveMatcher([
 *   { term: 'thinspo', topic: 'thinspiration', group: 'eating-disorder' },
 *   { term: 'thighgap', topic: 'thinspiration', group: 'eating-disorder' },
 *   { term: 'ana', topic: 'pro-ana', group: 'eating-disorder' },
 *   { term: 'edrecovery', topic: 'ed-recovery', group: 'eating-disorder', role: 'recovery' },
 * ]);
 * matcher.matchTag('#th1nsp000'); // ['thinspiration']
 * matcher.matchTag('#thyghgapp'); // ['thinspiration']
 * matcher.matchTag('#thinspo_goals'); // ['thinspiration']
 * matcher.matchTag('#anarecovery'); // ['ed-recovery']
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
    failInput('argument', 'createEvasiveMatcher', '', 'must be an array', entries, 'entries');
  }
  const stream = new EvasiveStream();
  const tags = new KeyTable();
  const texts = new KeyTable();
  const topicIndex = new Map<string, number>();
  /** Group id → its first recovery topic, which recovery compounds of its terms stand for. */
  const recoveryOf = new Map<string, string>();
  for (let i = 0; i < entries.length; i++) {
    const { term, topic, tagOnly, group, role } = readEntry(entries[i], i);
    if (!topicIndex.has(topic)) topicIndex.set(topic, topicIndex.size);
    const recovery = role === 'recovery';
    if (recovery && group !== undefined && !recoveryOf.has(group)) recoveryOf.set(group, topic);
    stream.load(term, false);
    if (stream.length === 0) continue;
    const onlyTags = tagOnly || stream.length <= TAG_ONLY_MAX_LENGTH;
    tags.add(tags.idOf(stream), { topic, tagOnly: onlyTags, recovery, group });
    // Text squeezes letters within a word only, so a phrase term is found both when written as
    // words ("thin new" → thinnew) and when joined into one word ("thin_new" → thinew).
    texts.add(texts.idOf(stream), { topic, tagOnly: onlyTags, recovery: false, group: undefined });
    stream.load(term, true);
    texts.add(texts.idOf(stream), { topic, tagOnly: onlyTags, recovery: false, group: undefined });
  }
  for (const word of resolved.guard) {
    stream.load(word, false);
    if (stream.length > 0) tags.guard[tags.idOf(stream)] = true;
  }
  const tagAutomaton = new TermAutomaton(tags.keys);
  const tagTopics = tags.freeze(topicIndex, recoveryOf);
  const fuzzy = new FuzzySearch({
    automaton: tagAutomaton,
    keys: tags.keys,
    hasTopics: (id) => tags.hasTopics(id),
    plain: tagTopics.plain,
    guard: tags.guard,
    fuzzyMinLength: resolved.fuzzyMinLength,
    maxCost: resolved.maxCost,
  });
  const compounds =
    resolved.compounds === null
      ? null
      : new CompoundSearch(resolved.compounds, stream, tagAutomaton, tagTopics, fuzzy);
  const text = new TextScanner(
    {
      stream,
      automaton: new TermAutomaton(texts.keys),
      topics: texts.freeze(topicIndex, recoveryOf),
      tagTopics,
      fuzzy,
      compounds,
      fuzzyMinLength: resolved.fuzzyMinLength,
      maxCost: resolved.maxCost,
      topicCount: topicIndex.size,
    },
    texts.keys,
  );
  return new EvasiveMatcher(
    stream,
    tagAutomaton,
    tagTopics,
    tags.guard,
    fuzzy,
    compounds,
    text,
    resolved.cacheSize,
  );
}

interface ReadEntry {
  term: string;
  topic: string;
  tagOnly: boolean;
  group: string | undefined;
  role: 'triggering' | 'recovery';
}

function readEntry(entry: unknown, i: number): ReadEntry {
  const path = `entries[${i}]`;
  const fail = (field: string, rule: string, value: unknown): never =>
    failInput('argument', 'createEvasiveMatcher', `${path}${field}`, rule, value);
  if (typeof entry !== 'object' || entry === null) fail('', 'must be an object', entry);
  const { term, topic, tagOnly, group, role } = entry as Record<string, unknown>;
  if (typeof term !== 'string') fail('.term', 'must be a string', term);
  if (typeof topic !== 'string' || topic === '')
    fail('.topic', 'must be a non-empty string', topic);
  if (tagOnly !== undefined && typeof tagOnly !== 'boolean')
    fail('.tagOnly', 'must be a boolean', tagOnly);
  if (group !== undefined && (typeof group !== 'string' || group === ''))
    fail('.group', 'must be a non-empty string', group);
  if (role !== undefined && role !== 'triggering' && role !== 'recovery')
    fail('.role', "must be 'triggering' or 'recovery'", role);
  return {
    term: term as string,
    topic: topic as string,
    tagOnly: tagOnly === true,
    group: group as string | undefined,
    role: role === 'recovery' ? 'recovery' : 'triggering',
  };
}

class EvasiveMatcher implements TermMatcher {
  private readonly cache = new Map<string, readonly string[]>();

  constructor(
    private readonly stream: EvasiveStream,
    private readonly automaton: TermAutomaton,
    private readonly topics: TopicTable,
    private readonly guard: readonly boolean[],
    private readonly fuzzy: FuzzySearch,
    private readonly compounds: CompoundSearch | null,
    private readonly text: TextScanner,
    private readonly cacheSize: number,
  ) {}

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
    const id = this.automaton.lookup(stream.codes, 0, length);
    if (id >= 0) {
      // A term: the common hit path ends here. A guard word matches nothing, in any way.
      if (this.topics.all[id]!.length > 0)
        return isDoubledCodeWord(stream, 0, length, this.topics, id) ? NONE : this.topics.all[id]!;
      if (this.guard[id]) return NONE;
    }
    if (this.compounds !== null) {
      const compound = this.compounds.find(stream.codes, 0, length, false);
      if (compound >= 0) return this.topics.topics[compound & 3]![compound >> 2]!;
    }
    const fuzzy = this.fuzzy.closest(stream.codes, 0, length, false);
    return fuzzy < 0 ? NONE : this.topics.all[fuzzy]!;
  }

  scanText(text: string): readonly string[] {
    if (typeof text !== 'string' || text === '') return NONE;
    return this.text.scan(text);
  }
}
