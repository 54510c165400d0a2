import { failInput } from '../validate/fail.js';
import { createEvasiveMatcher } from '../taxonomy/evasive/createEvasiveMatcher.js';
import { SHORT_TERM_LENGTH } from '../taxonomy/match/createExactMatcher.js';
import type { TermMatcher } from '../taxonomy/match/types.js';
import { CrisisVocabulary, SKIP, isDefaultVocabulary } from './queries/CrisisVocabulary.js';
import { resolveQueryVocabulary, type QueryVocabularyOptions } from './queries/queryVocabulary.js';
import { QUERY_SPACES } from './queries/readQuery.js';
import { MAX_SIGNPOSTS, selectResources } from './selectResources.js';
import { DEFAULT_SUPPORT_TERMS, SUPPORT_GROUP } from './supportTerms.js';
import type { QueryInterception, ResourceDirectory } from './types.js';
import { LIMITS } from '../validate/limits.js';

/**
 * Groups whose searches are the most urgent to meet with resources, in order: a query that
 * touches several groups is answered for the first of them.
 */
const URGENCY: readonly string[] = ['suicide', 'self-harm', 'eating-disorder'];

/**
 * What a query interceptor is built from.
 *
 * @example
 * ```ts
 * import { createEvasiveMatcher, validateResources, type QueryInterceptorConfig } from 'feed-rebalancer';
 * const config: QueryInterceptorConfig = {
 *   matcher: createEvasiveMatcher([{ term: 'thinspo', topic: 'thinspiration' }]),
 *   topicGroups: new Map([['thinspiration', 'eating-disorder']]),
 *   resources: validateResources([], 'example'),
 * };
 * ```
 */
export interface QueryInterceptorConfig extends QueryVocabularyOptions {
  /** The taxonomy's matcher; the evasive one catches misspelt searches ("sucide", "thinspoo"). */
  readonly matcher: TermMatcher;
  /** Group of every topic the matcher can return, triggering and recovery topics alike. */
  readonly topicGroups: ReadonlyMap<string, string>;
  /** The validated resource directory. */
  readonly resources: ResourceDirectory;
  /**
   * Groups in the order they win when a query touches several.
   *
   * @defaultValue suicide, self-harm, eating-disorder, then the other groups in `topicGroups` order
   */
  readonly priority?: readonly string[];
  /**
   * Supportive search terms answered with a banner above the results, as group `mental-health`.
   *
   * @defaultValue {@link DEFAULT_SUPPORT_TERMS}
   */
  readonly supportTerms?: readonly string[];
  /**
   * Most resources returned, an integer in [1, 3].
   *
   * @defaultValue 3
   */
  readonly maxSignposts?: number;
}

/**
 * Intercepts one search query.
 *
 * @example
 * ```ts
 * import type { QueryInterceptor } from 'feed-rebalancer';
 * declare const interceptQuery: QueryInterceptor;
 * interceptQuery('sucide', { locale: 'en-GB' }); // { group: 'suicide', kind: 'resources', … }
 * ```
 */
export type QueryInterceptor = (
  query: string,
  options: { readonly locale: string },
) => QueryInterception | null;

/**
 * Builds `interceptQuery(query, { locale })`: for a search that signals suicidal intent or
 * self-harm ("kill myself", "quiero morir", "ich will sterben", "me scarifier"), or that matches
 * a topic of the taxonomy — misspellings and evasive variants included ("sucide", "k i l l
 * myself", "thinspoo", "#ѕеlfhаrm") — it returns the group and up to three resources for the
 * searcher's locale (en-GB → en → `*`), to show instead of or above the results
 * (`kind: 'resources'`); for a supportive mental-health search ("#mentalheath", "depression") a
 * banner (`kind: 'banner'`); otherwise `null`. TikTok sends searches for #suicide to local
 * helplines and Instagram shows expert resources for self-harm and eating-disorder searches;
 * this is that, as data for the host to render.
 *
 * Crisis phrases come from the query vocabulary (`crisisTerms`, default
 * {@link DEFAULT_CRISIS_TERMS}, English, Spanish, French, German and Portuguese), compiled with
 * the evasive matcher whatever matcher the taxonomy uses. The query is read first: evasive
 * normal form, runs of single spaced letters joined, contractions and texting forms expanded
 * ("wanna", "want 2", "imma"), words of five letters or more one spelling edit from a vocabulary
 * word read as that word. Then the whole query, each of its words and the query as text are
 * matched against the taxonomy, so a tag-only term ("suicide") counts as a query word while
 * "banana" never yields "ana". Two rules keep ordinary searches ordinary: words inside a benign
 * phrase ("suicide squad", "cortarme el pelo"; `benignPhrases`) never count, and a short code
 * word ("ana", "mia", "kms", "sh") counts only as a hashtag or as its rule in `codeWords` allows
 * ("ana tips" and "how to kms" do, "Ana de Armas" and "5 kms run" do not). A sensitive query
 * with no resource for the locale still returns its group, with no resources.
 *
 * Only the first 500 characters and 32 words of a query are read, so a call is bounded whatever
 * the input.
 *
 * @param config - the taxonomy's matcher, its topic → group map, the resources and options
 * @returns the pure interceptor
 * @throws RebalanceError with code `argument` when the configuration is malformed
 *
 * @example
 * ```ts
 * import { createEvasiveMatcher, createQueryInterceptor, validateResources } from 'feed-rebalancer';
 * const interceptQuery = createQueryInterceptor({
 *   matcher: createEvasiveMatcher([{ term: 'suicide', topic: 'suicide', tagOnly: true }]),
 *   topicGroups: new Map([['suicide', 'suicide']]),
 *   // Sample data for illustration only — not a real service.
 *   resources: validateResources(
 *     [{ id: 'sample', name: 'Sample Line (example)', groups: ['suicide'], locale: 'en', contact: '000 (sample)', lastVerified: '2026-01-15' }],
 *     'example',
 *   ),
 * });
 * interceptQuery('sucide', { locale: 'en-GB' })?.resources[0]?.id; // 'sample'
 * interceptQuery('banana bread', { locale: 'en-GB' }); // null
 * ```
 */
export function createQueryInterceptor(config: QueryInterceptorConfig): QueryInterceptor {
  const fail = (path: string, rule: string, value: unknown): never =>
    failInput('argument', 'createQueryInterceptor', path, rule, value);
  if (typeof config !== 'object' || config === null) fail('config', 'must be an object', config);
  const {
    matcher,
    topicGroups,
    resources,
    supportTerms = DEFAULT_SUPPORT_TERMS,
    maxSignposts = MAX_SIGNPOSTS,
  } = config;
  if (typeof matcher?.matchTag !== 'function' || typeof matcher.scanText !== 'function') {
    fail('matcher', 'must be a TermMatcher', matcher);
  }
  const groupMap: unknown = topicGroups;
  if (!(groupMap instanceof Map))
    fail('topicGroups', 'must be a Map of topic id to group id', groupMap);
  if (typeof resources !== 'object' || resources === null || !(resources.byGroup instanceof Map)) {
    fail('resources', 'must be a directory from validateResources', resources);
  }
  if (!Number.isInteger(maxSignposts) || maxSignposts < 1 || maxSignposts > MAX_SIGNPOSTS) {
    fail('maxSignposts', `must be an integer in [1, ${MAX_SIGNPOSTS}]`, maxSignposts);
  }
  const terms: unknown = supportTerms;
  if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string')) {
    fail('supportTerms', 'must be an array of strings', terms);
  }
  const lists = resolveQueryVocabulary(config, 'createQueryInterceptor', 'argument');
  // The interceptor owns its compiled vocabulary. Lists of the host's are compiled now, so that
  // one the matcher refuses throws here; the default lists cannot fail, and compiling them costs
  // far more than the rest of `createRebalancer`, which hosts and tests call often, so they are
  // compiled on the first query (a rebalancer that never intercepts a search never pays it).
  let vocabulary: CrisisVocabulary | null = isDefaultVocabulary(lists)
    ? null
    : new CrisisVocabulary(lists);
  const support = createEvasiveMatcher(
    (terms as readonly string[]).map((term) => ({ term, topic: SUPPORT_GROUP })),
  );
  const rank = new Map<string, number>();
  for (const group of [...(config.priority ?? URGENCY), ...topicGroups.values()]) {
    if (!rank.has(group)) rank.set(group, rank.size);
  }
  rank.set(SUPPORT_GROUP, Number.MAX_SAFE_INTEGER);

  return (query, options) => {
    if (typeof query !== 'string' || query.trim() === '') return null;
    const locale = typeof options === 'object' && options !== null ? options.locale : '*';
    const text = query.length > LIMITS.queryLength ? query.slice(0, LIMITS.queryLength) : query;
    let best: string | null = null;
    let bestRank = Infinity;
    const topics: string[] = [];
    const consider = (
      found: readonly string[],
      groupOf: (topic: string) => string | undefined,
    ): void => {
      for (const topic of found) {
        const group = groupOf(topic);
        if (group === undefined) continue;
        const r = rank.get(group) ?? Number.MAX_SAFE_INTEGER - 1;
        if (r < bestRank) {
          best = group;
          bestRank = r;
          topics.length = 0;
        }
        if (group === best && !topics.includes(topic)) topics.push(topic);
      }
    };
    const groupOf = (topic: string): string | undefined => topicGroups.get(topic);
    // A crisis term's topic the taxonomy lacks still answers, as the group of the same name.
    const crisisGroupOf = (topic: string): string => topicGroups.get(topic) ?? topic;
    const supportOf = (): string => SUPPORT_GROUP;

    vocabulary ??= new CrisisVocabulary(lists);
    const reading = vocabulary.read(text, LIMITS.queryWords);
    consider(reading.topics, crisisGroupOf);
    const { words, gates } = reading;
    // The whole query as one hashtag ("s e l f h a r m"), unless it is a short code word, holds
    // a benign phrase or holds a code word its rule leaves out: those are decided word by word
    // (joined, "sue tips" would read as the compound #suetips).
    if (reading.letters > SHORT_TERM_LENGTH && !reading.masked && !gates.includes(SKIP))
      consider(matcher.matchTag(text), groupOf);
    for (let w = 0; w < words.length; w++) {
      if (gates[w] !== SKIP) consider(matcher.matchTag(words[w]!.raw), groupOf);
    }
    consider(matcher.scanText(text), groupOf);

    consider(support.matchTag(text), supportOf);
    const plain = text.split(QUERY_SPACES);
    for (let w = 0; w < plain.length && w < LIMITS.queryWords; w++) {
      if (plain[w] !== '') consider(support.matchTag(plain[w]!), supportOf);
    }
    consider(support.scanText(text), supportOf);

    if (best === null) return null;
    const group: string = best;
    return Object.freeze({
      group,
      kind: group === SUPPORT_GROUP ? 'banner' : 'resources',
      topics: Object.freeze(topics),
      resources: selectResources(resources, group, locale, maxSignposts),
    });
  };
}
