import { failInput } from '../validate/fail.js';
import { readField } from '../validate/readField.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';
import { compileBannerRules, type BannerFinder } from '../interventions/createBannerRules.js';
import {
  createQueryInterceptor,
  type QueryInterceptor,
} from '../interventions/createQueryInterceptor.js';
import {
  resolveInterventionSettings,
  type InterventionSettings,
  type ResolvedInterventionSettings,
} from '../interventions/interventionSettings.js';
import { resolveQueryVocabulary } from '../interventions/queries/queryVocabulary.js';
import { DEFAULT_BANNER_RULES, SUPPORT_GROUP } from '../interventions/supportTerms.js';
import type { BannerRule } from '../interventions/supportTerms.js';
import { topicGroupsOf } from '../interventions/topicGroupsOf.js';
import type { ResourceDirectory } from '../interventions/types.js';
import { validateResources } from '../interventions/validateResources.js';

/** What a rebalancer builds from its intervention options. @internal */
export interface InterventionParts {
  readonly resources: ResourceDirectory;
  readonly interceptQuery: QueryInterceptor;
  /** `null` when no banner rules are configured: slots then never carry a banner. */
  readonly bannerFor: BannerFinder | null;
  readonly settings: ResolvedInterventionSettings;
}

/**
 * Reads the `resources`, `banners`, `supportTerms`, query vocabulary (`crisisTerms`,
 * `benignPhrases`, `codeWords`) and `interventions` options of
 * `createRebalancer`: the directory is validated against the taxonomy's groups (plus the
 * supportive `mental-health` group), banner rules are compiled with the policy's confidence
 * threshold (each taxonomy topic at its group's `minConfidence`), and the intervention settings
 * get their defaults.
 *
 * @internal
 */
export function readInterventionParts(
  options: object,
  taxonomy: ResolvedTaxonomy,
  policy: ResolvedPolicy,
  minConfidence: Float64Array,
  api: string,
): InterventionParts {
  const resourcesInput = readField(options, 'resources', 'resources', api);
  const bannersInput = readField(options, 'banners', 'policy', api);
  const supportTerms = readField(options, 'supportTerms', 'policy', api);
  const interventions = readField(options, 'interventions', 'policy', api);
  const resources = validateResources(
    resourcesInput ?? [],
    api,
    new Set([...taxonomy.groupIds, SUPPORT_GROUP]),
  );
  if (supportTerms !== undefined && !Array.isArray(supportTerms))
    failInput('policy', api, 'supportTerms', 'must be an array of strings', supportTerms);
  const interceptQuery = createQueryInterceptor({
    matcher: taxonomy.matcher,
    topicGroups: topicGroupsOf(taxonomy),
    resources,
    ...(supportTerms === undefined ? {} : { supportTerms: supportTerms as readonly string[] }),
    // Validated here so that a malformed list is a `policy` error named after the facade.
    ...resolveQueryVocabulary(options, api, 'policy'),
  });
  // A host that lists resources gets the default notices on risky-but-common hashtags unless it
  // turns them off: the protective path is the default one.
  const banners = bannersInput === undefined ? resourcesInput !== undefined : bannersInput;
  let rules: readonly BannerRule[] | null;
  if (banners === false) rules = null;
  else if (banners === true) rules = DEFAULT_BANNER_RULES;
  else if (Array.isArray(banners)) rules = banners as readonly BannerRule[];
  else
    failInput(
      'policy',
      api,
      'banners',
      'must be an array of banner rules or a boolean',
      bannersInput,
    );
  const bannerFor =
    rules === null
      ? null
      : compileBannerRules(
          { resources, rules, minConfidence: policy.minConfidence },
          topicThresholds(taxonomy, policy.minConfidence, minConfidence),
        );
  const settings = resolveInterventionSettings(
    interventions as InterventionSettings | undefined,
    api,
  );
  return { resources, interceptQuery, bannerFor, settings };
}

/** Each taxonomy topic's group threshold, or `null` when every group uses the top-level one. */
function topicThresholds(
  taxonomy: ResolvedTaxonomy,
  top: number,
  byGroup: Float64Array,
): ReadonlyMap<string, number> | null {
  if (byGroup.every((m) => m === top)) return null;
  const out = new Map<string, number>();
  for (const [topic, ref] of taxonomy.topics) out.set(topic, byGroup[ref.group]!);
  return out;
}
