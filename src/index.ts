// The public API of feed-rebalancer, listed by name so that any change to it is a one-line diff.

export { createRebalancer } from './facade/createRebalancer.js';
export type { RebalancerOptions } from './facade/createRebalancer.js';
export { presets } from './presets/presets.js';
export { RebalanceError } from './errors/RebalanceError.js';
export type { RebalanceErrorCode } from './errors/RebalanceError.js';

export { resolvePolicy } from './policy/resolvePolicy.js';
export { parseState, serializeState } from './exposure/stateShape.js';
export { explain } from './rerank/explain.js';
export { MemoryStateStore } from './store/MemoryStateStore.js';
export type { MemoryStateStoreOptions } from './store/MemoryStateStore.js';
export type { StateStore, StateUpdate } from './store/types.js';
export { mmr, dppGreedy } from './rerank/diversify/index.js';
export type {
  DppGreedyOptions,
  KernelInput,
  KernelMatrixLike,
  MmrOptions,
  VectorInput,
} from './rerank/diversify/index.js';

export type { Item, Impression } from './item/types.js';
export { extendTaxonomy } from './taxonomy/extendTaxonomy.js';
export { createExactMatcher } from './taxonomy/match/createExactMatcher.js';
export { normalizeTerm } from './taxonomy/match/normalizeTerm.js';
export type {
  TopicInput,
  GroupInput,
  TaxonomyInput,
  GroupExtension,
  TaxonomyExtension,
} from './taxonomy/types.js';
export type { TermMatcher, TermEntry, TermMatcherFactory } from './taxonomy/match/types.js';

export { cusumArl, designCusum, runArl, windowArl, ewmaArl } from './detect/index.js';
export type {
  CusumArlInput,
  DesignCusumInput,
  CusumDesign,
  RunArlInput,
  WindowArlInput,
  EwmaArlInput,
} from './detect/index.js';
export type {
  Cap,
  DiversifyInput,
  LevelActionInput,
  DetectionInput,
  Level,
  PolicyInput,
} from './policy/types.js';
export type {
  ResolvedDetection,
  ResolvedDiversify,
  ResolvedLevelAction,
  ResolvedPolicy,
} from './policy/resolved.js';
export type { GroupState, UserState } from './exposure/types.js';
export type {
  GroupAssessment,
  Intervention,
  Assessment,
  Classification,
  RebalanceRequest,
  Slot,
  DroppedItem,
  RejectedRecovery,
  RebalanceResult,
  AppliedActions,
  Rebalancer,
} from './facade/types.js';
