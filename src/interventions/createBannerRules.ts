import { failInput } from '../validate/fail.js';
import { joinPath } from '../errors/describe.js';
import type { Item } from '../item/types.js';
import { createEvasiveMatcher } from '../taxonomy/evasive/createEvasiveMatcher.js';
import type { TermEntry } from '../taxonomy/match/types.js';
import { MAX_SIGNPOSTS, selectResources } from './selectResources.js';
import { DEFAULT_BANNER_RULES, type BannerRule } from './supportTerms.js';
import type { Banner, ResourceDirectory } from './types.js';

/**
 * Finds the banner for a served item, if a rule applies.
 *
 * @example
 * ```ts
 * import type { BannerFinder } from 'feed-rebalancer';
 * declare const bannerFor: BannerFinder;
 * bannerFor({ id: 'v1', hashtags: ['#WhatIEatInADay'] }, 'en-GB'); // { group: 'eating-disorder', resources: […] }
 * ```
 */
export type BannerFinder = (
  item: Pick<Item, 'hashtags' | 'text' | 'topics'>,
  locale: string,
) => Banner | null;

/**
 * What banner rules are compiled from.
 *
 * @example
 * ```ts
 * import { validateResources, type BannerRulesConfig } from 'feed-rebalancer';
 * const config: BannerRulesConfig = { resources: validateResources([], 'example'), minConfidence: 0.6 };
 * ```
 */
export interface BannerRulesConfig {
  /** The validated resource directory. */
  readonly resources: ResourceDirectory;
  /** The rules, first match wins. @defaultValue {@link DEFAULT_BANNER_RULES} */
  readonly rules?: readonly BannerRule[];
  /** Topic confidence that counts for a rule's topics. @defaultValue 0.5 */
  readonly minConfidence?: number;
  /** Most resources per banner, an integer in [1, 3]. @defaultValue 3 */
  readonly maxSignposts?: number;
}

/**
 * Compiles banner rules into `bannerFor(item, locale)`: an item whose hashtags or text match a
 * rule's terms (misspellings included: `#whatieatinaday`, `#WhatIEatInADay`, `#wh4tieatinaday`)
 * or that carries one of its topics (a listed topic, or a confidence of at least
 * `minConfidence`) gets `{ group, resources }` with up to three resources for the locale. The
 * first matching rule wins. The result is what `slots[i].banner` carries; a rule whose group has
 * no resource for the locale still yields a banner, with no resources.
 *
 * @param config - the directory, the rules and the thresholds
 * @returns the pure banner finder
 * @throws RebalanceError with code `argument` when a rule is malformed (path `rules[i].…`)
 *
 * @example
 * ```ts
 * import { createBannerRules, validateResources } from 'feed-rebalancer';
 * const bannerFor = createBannerRules({ resources: validateResources([], 'example') });
 * bannerFor({ hashtags: ['#WhatIEatInADay'] }, 'en')?.group; // 'eating-disorder'
 * bannerFor({ hashtags: ['#banana'] }, 'en'); // null
 * ```
 */
export function createBannerRules(config: BannerRulesConfig): BannerFinder {
  return compileBannerRules(config, null);
}

/**
 * {@link createBannerRules}, with per-topic confidence thresholds that replace `minConfidence`
 * for the topics they name: a rebalancer passes each taxonomy topic its group's
 * `minConfidence`, so that a group with a policy of its own gets banners at its own threshold.
 *
 * @param config - as for `createBannerRules`
 * @param topicMinConfidence - topic id → threshold, or `null` for `minConfidence` everywhere
 * @returns the pure banner finder
 * @throws RebalanceError with code `argument` when a rule is malformed
 *
 * @internal
 */
export function compileBannerRules(
  config: BannerRulesConfig,
  topicMinConfidence: ReadonlyMap<string, number> | null,
): BannerFinder {
  const fail = (path: string, rule: string, value: unknown): never =>
    failInput('argument', 'createBannerRules', path, rule, value);
  const {
    resources,
    rules = DEFAULT_BANNER_RULES,
    minConfidence = 0.5,
    maxSignposts = MAX_SIGNPOSTS,
  } = config;
  if (!Array.isArray(rules)) fail('rules', 'must be an array of banner rules', rules);
  if (typeof minConfidence !== 'number' || !(minConfidence > 0 && minConfidence <= 1)) {
    fail('minConfidence', 'must be a number in (0, 1]', minConfidence);
  }
  if (!Number.isInteger(maxSignposts) || maxSignposts < 1 || maxSignposts > MAX_SIGNPOSTS) {
    fail('maxSignposts', `must be an integer in [1, ${MAX_SIGNPOSTS}]`, maxSignposts);
  }
  const entries: TermEntry[] = [];
  const groups: string[] = [];
  const topicRules = new Map<string, number>();
  const ruleList = rules as readonly unknown[];
  for (let i = 0; i < ruleList.length; i++) {
    const path = joinPath('rules', i);
    const rule = ruleList[i];
    if (typeof rule !== 'object' || rule === null) fail(path, 'must be an object', rule);
    const { group, terms = [], topics = [] } = rule as Record<string, unknown>;
    if (typeof group !== 'string' || group === '')
      fail(joinPath(path, 'group'), 'must be a non-empty string', group);
    groups.push(group as string);
    const strings = (value: unknown, key: string): readonly string[] => {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        fail(joinPath(path, key), 'must be an array of strings', value);
      }
      return value as readonly string[];
    };
    // The rule's index is the matcher's topic, so the first matching rule can be found.
    for (const term of strings(terms, 'terms')) entries.push({ term, topic: String(i) });
    for (const topic of strings(topics, 'topics'))
      if (!topicRules.has(topic)) topicRules.set(topic, i);
  }
  const matcher = createEvasiveMatcher(entries);

  return (item, locale) => {
    let first = Infinity;
    const note = (found: readonly string[]): void => {
      for (const rule of found) first = Math.min(first, Number(rule));
    };
    if (item.hashtags !== undefined) for (const tag of item.hashtags) note(matcher.matchTag(tag));
    if (typeof item.text === 'string') note(matcher.scanText(item.text));
    const topics = item.topics;
    if (isTopicList(topics)) {
      for (const topic of topics) first = Math.min(first, topicRules.get(topic) ?? Infinity);
    } else if (topics !== undefined) {
      for (const [topic, rule] of topicRules) {
        const confidence = Object.prototype.hasOwnProperty.call(topics, topic)
          ? (topics as Record<string, unknown>)[topic]
          : undefined;
        const threshold = topicMinConfidence?.get(topic) ?? minConfidence;
        if (typeof confidence === 'number' && confidence >= threshold)
          first = Math.min(first, rule);
      }
    }
    if (first === Infinity) return null;
    const group = groups[first]!;
    return Object.freeze({
      group,
      resources: selectResources(resources, group, locale, maxSignposts),
    });
  };
}

function isTopicList(topics: Item['topics']): topics is readonly string[] {
  return Array.isArray(topics);
}
