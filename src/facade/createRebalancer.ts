import { failInput } from '../validate/fail.js';
import { readField } from '../validate/readField.js';
import { readItem } from '../item/readItem.js';
import type { Item } from '../item/types.js';
import { classifyItem } from '../taxonomy/classifyItem.js';
import { toClassification } from '../taxonomy/toClassification.js';
import { bindState } from '../exposure/bindState.js';
import { createEmptyState } from '../exposure/emptyState.js';
import { observeDelivered } from '../exposure/observeDelivered.js';
import type { UserState } from '../exposure/types.js';
import { seeLessBlock } from '../feedback/seeLessBlock.js';
import { findStaleResources } from '../interventions/findStaleResources.js';
import { rebalanceRequest } from '../rerank/rebalance.js';
import { readRequestLists } from '../rerank/readRequestLists.js';
import { assessWithInterventions } from './assess.js';
import { buildEngine } from './engine.js';
import type { RebalancerOptions } from './options.js';
import { readFlag, readLocale } from './readRequest.js';
import { finishResult } from '../rerank/decision/finishResult.js';
import type { NonProfilingRequest, Rebalancer, RebalanceRequest } from './types.js';

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
  const engine = buildEngine(options, API);
  const { taxonomy, policy, thresholds, parts, work } = engine;
  const bind = (state: unknown, api: string): UserState => bindState(engine.binding, state, api);
  // An empty state is lined up with this rebalancer by construction.
  const empty = (): UserState =>
    work.trusted.trust(createEmptyState(taxonomy.groupIds, engine.fingerprints));
  const assess = (state: UserState, at: number | undefined, api: string) =>
    assessWithInterventions(policy, thresholds, state, at, api, parts.settings);
  const fresh = empty();

  const rb: Rebalancer = {
    policy,
    groups: taxonomy.groupIds,
    emptyState: empty,
    reset: (state) => {
      const kept = bind(state, 'reset').seeLess ?? [];
      return kept.length === 0 ? fresh : bind({ ...fresh, seeLess: kept }, 'reset');
    },
    observe: (state, impressions, options) =>
      observeDelivered(
        engine.observe,
        work.observe,
        bind(state, 'observe'),
        impressions,
        options,
        'observe',
      ),
    assess: (state, at) => assess(bind(state, 'assess'), at, 'assess'),
    rebalance: (request: RebalanceRequest | NonProfilingRequest) => {
      if (typeof request !== 'object' || request === null)
        failInput('request', 'rebalance', '', 'must be an object', request, 'request');
      const lists = readRequestLists(request, 'rebalance');
      // Without profiling the request is ranked as for someone nothing is known about: the
      // state, if given, is not read at all.
      const shadow = readFlag(request, 'shadow', false);
      const state = readFlag(request, 'profiling', true)
        ? bind(readField(request, 'state', 'request', 'rebalance'), 'rebalance')
        : fresh;
      const at = readField(request, 'at', 'request', 'rebalance') as number | undefined;
      const locale = readLocale(request);
      const assessment = assess(state, at, 'rebalance');
      const seeLess = seeLessBlock(state.seeLess, taxonomy, assessment.at);
      const result = rebalanceRequest(
        engine.rerank,
        {
          candidates: lists.candidates,
          recovery: lists.recovery,
          size: lists.size,
          state,
          assessment,
          locale,
          seeLess,
          shadow,
        },
        'rebalance',
      );
      return finishResult(result, lists.candidates, lists.size, shadow);
    },
    classify: (item: Item) =>
      toClassification(
        taxonomy,
        classifyItem(
          taxonomy,
          readItem(item, { api: 'classify', path: 'item', code: 'item' }),
          work.classify,
        ),
      ),
    // A state vouched for here is one the caller keeps (a store, to fold into it later): it is
    // trusted for as long as it lives, so that observe does not validate it again.
    parseState: (input: unknown) => work.trusted.keep(bind(input, 'parseState')),
    serializeState: (state: UserState) => JSON.stringify(bind(state, 'serializeState')),
    interceptQuery: (query, queryOptions) => parts.interceptQuery(query, queryOptions),
    staleResources: (at, maxAgeDays) =>
      findStaleResources(parts.resources, maxAgeDays === undefined ? { at } : { at, maxAgeDays }),
  };
  return Object.freeze(rb);
}
