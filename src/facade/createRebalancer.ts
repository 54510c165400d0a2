import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import { readField } from '../validate/readField.js';
import { assessState } from '../exposure/assess.js';
import { bindState, type BindContext } from '../exposure/bindState.js';
import { ReasonLists } from '../rerank/reasonLists.js';
import { ActionCache } from '../rerank/actions.js';
import { createEmptyState, recoveryMemoryLimit } from '../exposure/emptyState.js';
import { observeImpressions } from '../exposure/observe.js';
import type { ObserveContext } from '../exposure/observeContext.js';
import { detectorFingerprint } from '../exposure/detectorFingerprint.js';
import { alarmThreshold } from '../detect/alarmThreshold.js';
import { bindGroupPolicies } from '../policy/bindGroupPolicies.js';
import { readItem } from '../item/readItem.js';
import type { Item } from '../item/types.js';
import { resolvePolicy } from '../policy/resolvePolicy.js';
import type { PolicyInput } from '../policy/types.js';
import { readRequestLists, rebalanceRequest } from '../rerank/rebalance.js';
import { classifyItem } from '../taxonomy/classifyItem.js';
import { toClassification } from '../taxonomy/toClassification.js';
import { resolveTaxonomy } from '../taxonomy/resolveTaxonomy.js';
import type { TaxonomyInput } from '../taxonomy/types.js';
import type { TermMatcherFactory } from '../taxonomy/match/types.js';
import type { NonProfilingRequest, Rebalancer, RebalanceRequest } from './types.js';
import type { UserState } from '../exposure/types.js';
import { findStaleResources } from '../interventions/findStaleResources.js';
import { isLocaleTag } from '../interventions/localeChain.js';
import type { InterventionSettings } from '../interventions/interventionSettings.js';
import type { BannerRule } from '../interventions/supportTerms.js';
import type { QueryVocabularyOptions } from '../interventions/queries/queryVocabulary.js';
import type { ResourceInput } from '../interventions/types.js';
import { readInterventionParts } from './interventionParts.js';
import { seeLessBlock } from './seeLessBlock.js';
import { finishResult, type DecisionContext } from '../rerank/decision/finishResult.js';
import { policyFingerprint } from '../rerank/decision/policyFingerprint.js';

/**
 * Options of {@link createRebalancer}.
 *
 * @example
 * ```ts
 * import { presets, type RebalancerOptions } from 'feed-rebalancer';
 * const options: RebalancerOptions = { taxonomy: presets.taxonomies.default, policy: presets.policies.balanced };
 * ```
 */
export interface RebalancerOptions extends QueryVocabularyOptions {
  /** The groups and topics to track. */
  readonly taxonomy: TaxonomyInput;
  /** The policy; omitted fields take their defaults. @defaultValue `{}` (the `off` behaviour) */
  readonly policy?: PolicyInput;
  /**
   * Builds the term matcher from the taxonomy's terms. The default recognises evasive spellings
   * (`th1nsp0`, `thynspiration`, `pr0ana`), compounds (`#thinspogoals`) and recovery compounds
   * (`#anarecovery`); pass `createExactMatcher` to match only the terms as written (case and
   * separators aside).
   *
   * @defaultValue `createEvasiveMatcher`
   */
  readonly matcher?: TermMatcherFactory;
  /**
   * The host's directory of support resources (helplines, text services, websites), each for
   * taxonomy groups or `mental-health`. The library ships none.
   *
   * @defaultValue `[]`
   */
  readonly resources?: readonly ResourceInput[];
  /**
   * Banner rules for served items: `true` uses `DEFAULT_BANNER_RULES`, an array its own rules,
   * `false` none (slots are then exactly as without this feature).
   *
   * @defaultValue `true` when `resources` is given (#WhatIEatInADay gets its notice), else `false`
   */
  readonly banners?: readonly BannerRule[] | boolean;
  /**
   * Supportive search terms `interceptQuery` answers with a banner.
   *
   * @defaultValue `DEFAULT_SUPPORT_TERMS`
   */
  readonly supportTerms?: readonly string[];
  /**
   * When `assess` suggests nudges, resources and breaks.
   *
   * @defaultValue see `resolveInterventionSettings`
   */
  readonly interventions?: InterventionSettings;
}

const API = 'createRebalancer';

/**
 * Creates a rebalancer for one taxonomy and policy. Everything it returns is a pure function of
 * its arguments: no clock read when `at` is given, no randomness, no I/O.
 *
 * @param options - taxonomy, policy, and the optional matcher, resources and interventions
 * @returns the configured {@link Rebalancer}
 * @throws RebalanceError with code `policy` or `taxonomy` and the JSON path of the offending field
 *   (a block of `policy.groups` for a group the taxonomy lacks: code `policy`, path `groups.<id>`)
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * let state = rb.emptyState();
 * state = rb.observe(state, { item: { id: 'v1', hashtags: ['#thinspo'] }, at: Date.now(), dwellMs: 12_000 });
 * const out = rb.rebalance({ candidates: [{ id: 'a' }, { id: 'b', topics: ['pro-ana'] }], state });
 * console.log(out.items.map((item) => item.id));
 * ```
 */
export function createRebalancer(options: RebalancerOptions): Rebalancer {
  if (typeof options !== 'object' || options === null)
    throw new RebalanceError(
      'policy',
      `${API}: options must be an object with a taxonomy and a policy (got ${describeValue(options)})`,
      '',
    );
  const taxonomyInput = readField(options, 'taxonomy', 'taxonomy', API);
  const policyInput = readField(options, 'policy', 'policy', API);
  const matcher = readField(options, 'matcher', 'policy', API) as RebalancerOptions['matcher'];
  if (matcher !== undefined && typeof matcher !== 'function')
    throw new RebalanceError(
      'policy',
      `${API}: matcher must be a function (got ${describeValue(matcher)})`,
      'matcher',
    );
  const taxonomy = resolveTaxonomy(taxonomyInput, API, matcher);
  const policy = resolvePolicy(policyInput ?? {}, API);
  const groupIds = taxonomy.groupIds;
  const perGroup = bindGroupPolicies(policy, groupIds, API);
  const detections = perGroup.byGroup.map((g) => g.detection);
  const fingerprints = detections.map(detectorFingerprint);
  const thresholds = Float64Array.from(detections, alarmThreshold);
  const parts = readInterventionParts(options, taxonomy, policy, perGroup.minConfidence, API);
  const recoveryMemory = recoveryMemoryLimit(policy, perGroup.byGroup);
  // "See less" applies to what a person can recognise in their feed: a group, or one of its
  // triggering topics (recovery topics are what the policy offers instead).
  const seeLessTargets = new Set<string>(groupIds);
  for (const [topic, ref] of taxonomy.topics) if (!ref.recovery) seeLessTargets.add(topic);
  // Identity of this rebalancer: states already lined up with it skip re-binding.
  const owner = {};
  const observeContext: ObserveContext = {
    taxonomy,
    policy,
    detections,
    fingerprints,
    minConfidence: perGroup.minConfidence,
    byConfidence: Uint8Array.from(detections, (d) => (d.evidence === 'confidence' ? 1 : 0)),
    impressionDecay: Math.pow(2, -1 / policy.exposure.halfLife),
    recoveryMemory,
    owner,
    seeLessTargets,
    spareReader: null,
  };
  const engine = {
    taxonomy,
    policy,
    groupIds,
    minConfidence: perGroup.minConfidence,
    ownPolicy: perGroup.own,
    bannerFor: parts.bannerFor,
    reasons: new ReasonLists(groupIds),
    actions: new ActionCache(perGroup.byGroup, groupIds),
  };
  const binding: BindContext = {
    owner,
    groupIds,
    detections,
    fingerprints,
    recoveryMemory,
    seeLessTargets,
  };
  const decisions: DecisionContext = { policy: policyFingerprint(policy), groupIds };
  const bind = (state: unknown, api: string): UserState => bindState(binding, state, api);
  const empty = (): UserState => createEmptyState(groupIds, fingerprints);

  const fresh = bind(empty(), 'emptyState');

  const rb: Rebalancer = {
    policy,
    groups: groupIds,
    emptyState: () => bind(empty(), 'emptyState'),
    reset: (state) => {
      const kept = bind(state, 'reset').seeLess ?? [];
      return kept.length === 0 ? fresh : bind({ ...fresh, seeLess: kept }, 'reset');
    },
    observe: (state, impressions) =>
      observeImpressions(observeContext, bind(state, 'observe'), impressions, 'observe'),
    assess: (state, at) =>
      assessState(policy, thresholds, bind(state, 'assess'), at, 'assess', parts.settings),
    rebalance: (request: RebalanceRequest | NonProfilingRequest) => {
      if (typeof request !== 'object' || request === null)
        throw new RebalanceError(
          'request',
          `rebalance: request must be an object (got ${describeValue(request)})`,
          '',
        );
      const lists = readRequestLists(request, 'rebalance');
      const profiling = readFlag(request, 'profiling', true);
      const shadow = readFlag(request, 'shadow', false);
      // Without profiling the request is ranked as for someone nothing is known about: the
      // state, if given, is not read at all.
      const state = profiling
        ? bind(readField(request, 'state', 'request', 'rebalance'), 'rebalance')
        : fresh;
      const at = readField(request, 'at', 'request', 'rebalance') as number | undefined;
      const locale = readLocale(request);
      const assessment = assessState(policy, thresholds, state, at, 'rebalance', parts.settings);
      const seeLess = seeLessBlock(state.seeLess, taxonomy, assessment.at);
      const result = rebalanceRequest(
        engine,
        {
          candidates: lists.candidates,
          recovery: lists.recovery,
          size: lists.size,
          state,
          assessment,
          locale,
          seeLess,
        },
        'rebalance',
      );
      return finishResult(result, decisions, lists.candidates, lists.size, shadow);
    },
    classify: (item: Item) =>
      toClassification(
        taxonomy,
        classifyItem(taxonomy, readItem(item, { api: 'classify', path: 'item', code: 'item' })),
      ),
    parseState: (input: unknown) => bind(input, 'parseState'),
    serializeState: (state: UserState) => JSON.stringify(bind(state, 'serializeState')),
    interceptQuery: (query, queryOptions) => parts.interceptQuery(query, queryOptions),
    staleResources: (at, maxAgeDays) =>
      findStaleResources(parts.resources, maxAgeDays === undefined ? { at } : { at, maxAgeDays }),
  };
  return Object.freeze(rb);
}

function readFlag(request: object, name: 'profiling' | 'shadow', fallback: boolean): boolean {
  const flag = readField(request, name, 'request', 'rebalance');
  if (flag === undefined) return fallback;
  if (typeof flag !== 'boolean')
    throw new RebalanceError(
      'request',
      `rebalance: ${name} must be a boolean (got ${describeValue(flag)})`,
      name,
    );
  return flag;
}

function readLocale(request: object): string {
  const locale = readField(request, 'locale', 'request', 'rebalance');
  if (locale === undefined) return '*';
  if (typeof locale !== 'string' || !isLocaleTag(locale))
    throw new RebalanceError(
      'request',
      `rebalance: locale must be a BCP 47 language tag such as 'en-GB', or '*' (got ${describeValue(locale)})`,
      'locale',
    );
  return locale;
}
