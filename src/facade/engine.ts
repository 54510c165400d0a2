import { failInput } from '../validate/fail.js';
import { readField } from '../validate/readField.js';
import { alarmThreshold } from '../detect/alarmThreshold.js';
import type { ResolvedDetection } from '../detect/detector.js';
import { bindGroupPolicies } from '../policy/bindGroupPolicies.js';
import { resolvePolicy } from '../policy/resolvePolicy.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import { createClassifyScratch, type ClassifyScratch } from '../taxonomy/classifyItem.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';
import { resolveTaxonomy } from '../taxonomy/resolveTaxonomy.js';
import type { BindContext } from '../exposure/bindState.js';
import { detectorFingerprint } from '../exposure/detectorFingerprint.js';
import { recoveryMemoryLimit } from '../exposure/emptyState.js';
import type { ObserveContext, ObserveWorkspace } from '../exposure/observeContext.js';
import { TrustedStates } from '../exposure/TrustedStates.js';
import { ActionCache } from '../rerank/actions.js';
import { ReasonLists } from '../rerank/reasonLists.js';
import { policyFingerprint } from '../rerank/decision/policyFingerprint.js';
import type { EngineContext } from '../rerank/rebalance.js';
import { ArenaPool } from '../scratch/Arena.js';
import { readInterventionParts, type InterventionParts } from './interventionParts.js';
import type { RebalancerOptions } from './options.js';

/**
 * What one rebalancer keeps between calls, and nothing else does: the states it built or lined
 * up (trusted, so they skip validation), and scratch buffers reused from call to call. No
 * module-level state is shared between rebalancers.
 *
 * @internal
 */
export interface Workspace {
  readonly trusted: TrustedStates;
  /** `observe`'s spare item reader, with the trusted states. */
  readonly observe: ObserveWorkspace;
  /** The request buffers of `rebalance`. */
  readonly arenas: ArenaPool;
  /** Scratch space of `classify` and of "see less" matching. */
  readonly classify: ClassifyScratch;
}

/**
 * A configured rebalancer's parts: its resolved taxonomy and policy, the contexts each layer runs
 * with, and its workspace.
 *
 * @internal
 */
export interface Engine {
  readonly taxonomy: ResolvedTaxonomy;
  readonly policy: ResolvedPolicy;
  /** Per group index, the alarm threshold of the group's detector. */
  readonly thresholds: Float64Array;
  readonly parts: InterventionParts;
  readonly observe: ObserveContext;
  readonly binding: BindContext;
  readonly rerank: EngineContext;
  readonly work: Workspace;
  /** Per group index, that detector's fingerprint. */
  readonly fingerprints: readonly string[];
}

/**
 * Reads and resolves the options of `createRebalancer` and builds the contexts of its layers.
 *
 * @internal
 */
export function buildEngine(options: RebalancerOptions, api: string): Engine {
  if (typeof options !== 'object' || options === null)
    failInput(
      'policy',
      api,
      '',
      'must be an object with a taxonomy and a policy',
      options,
      'options',
    );
  const taxonomyInput = readField(options, 'taxonomy', 'taxonomy', api);
  const policyInput = readField(options, 'policy', 'policy', api);
  const matcher = readField(options, 'matcher', 'policy', api) as RebalancerOptions['matcher'];
  if (matcher !== undefined && typeof matcher !== 'function')
    failInput('policy', api, 'matcher', 'must be a function', matcher);
  const taxonomy = resolveTaxonomy(taxonomyInput, api, matcher);
  const policy = resolvePolicy(policyInput ?? {}, api);
  const groupIds = taxonomy.groupIds;
  const perGroup = bindGroupPolicies(policy, groupIds, api);
  const detections: readonly ResolvedDetection[] = perGroup.byGroup.map((g) => g.detection);
  const fingerprints = detections.map(detectorFingerprint);
  const parts = readInterventionParts(options, taxonomy, policy, perGroup.minConfidence, api);
  const recoveryMemory = recoveryMemoryLimit(policy, perGroup.byGroup);
  // "See less" applies to what a person can recognise in their feed: a group, or one of its
  // triggering topics (recovery topics are what the policy offers instead).
  const seeLessTargets = new Set<string>(groupIds);
  for (const [topic, ref] of taxonomy.topics) if (!ref.recovery) seeLessTargets.add(topic);
  const trusted = new TrustedStates();
  const work: Workspace = {
    trusted,
    observe: { trusted, spareReader: null },
    arenas: new ArenaPool(),
    classify: createClassifyScratch(taxonomy),
  };
  return {
    taxonomy,
    policy,
    thresholds: Float64Array.from(detections, alarmThreshold),
    parts,
    fingerprints,
    work,
    observe: {
      taxonomy,
      policy,
      detections,
      fingerprints,
      minConfidence: perGroup.minConfidence,
      byConfidence: Uint8Array.from(detections, (d) => (d.evidence === 'confidence' ? 1 : 0)),
      impressionDecay: Math.pow(2, -1 / policy.exposure.halfLife),
      recoveryMemory,
      seeLessTargets,
    },
    binding: { trusted, groupIds, detections, fingerprints, recoveryMemory, seeLessTargets },
    rerank: {
      taxonomy,
      policy,
      groupIds,
      minConfidence: perGroup.minConfidence,
      bannerFor: parts.bannerFor,
      reasons: new ReasonLists(groupIds),
      actions: new ActionCache(perGroup.byGroup, groupIds, perGroup.own),
      arenas: work.arenas,
      classifyScratch: work.classify,
      policyFingerprint: policyFingerprint(policy),
    },
  };
}
