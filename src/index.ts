// The public API of feed-rebalancer, listed by name so that any change to it is a one-line diff.

export { createRebalancer } from './facade/createRebalancer.js';
export type { RebalancerOptions } from './facade/options.js';
export { presets } from './presets/presets.js';
export { RebalanceError } from './errors/RebalanceError.js';
export type { RebalanceErrorCode } from './errors/RebalanceError.js';

export { resolvePolicy } from './policy/resolvePolicy.js';
export { parseState, serializeState } from './exposure/stateShape.js';
export { explain } from './rerank/explain.js';
export { MemoryStateStore } from './store/MemoryStateStore.js';
export type { MemoryStateStoreOptions } from './store/memoryStoreOptions.js';
export type { EventFolder, StateStore, StateUpdate } from './store/types.js';
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
  ClassifierRates,
} from './detect/index.js';
export type {
  Cap,
  DiversifyInput,
  LevelActionInput,
  DetectionInput,
  GroupPolicyInput,
  LevelsInput,
  PolicyInput,
} from './policy/types.js';
export type { Evidence } from './detect/detector.js';
export type { Level } from './detect/levels.js';
export type {
  ResolvedDiversify,
  ResolvedGroupPolicy,
  ResolvedLevelAction,
  ResolvedPolicy,
} from './policy/resolved.js';
export type { ResolvedDetection } from './detect/detector.js';
export type { RebalanceRequest, NonProfilingRequest, Rebalancer } from './facade/types.js';
export type {
  Slot,
  DroppedItem,
  DropReason,
  RejectedRecovery,
  RejectionReason,
  RebalanceResult,
  AppliedActions,
} from './rerank/types.js';
export type { Classification } from './taxonomy/types.js';
export type { SeeLessFeedback, InterventionFeedback, InterventionKind } from './feedback/types.js';
export type {
  GroupState,
  UserState,
  GroupAssessment,
  Intervention,
  Assessment,
  ObserveEvent,
} from './exposure/types.js';
export type { DeliveryOptions, DeliveryState, SourceOffset } from './delivery/types.js';
export type { Decision, DecisionChange, DecisionIntervention } from './rerank/decision/types.js';

export { createEvasiveMatcher } from './taxonomy/evasive/createEvasiveMatcher.js';
export { normalizeEvasive } from './taxonomy/evasive/normalizeEvasive.js';
export { DEFAULT_FUZZY_GUARD } from './taxonomy/evasive/options.js';
export { DEFAULT_COMPOUND_AFFIXES } from './taxonomy/evasive/compoundAffixes.js';
export type { CompoundAffixes } from './taxonomy/evasive/compoundAffixes.js';
export type { EvasiveMatcherOptions } from './taxonomy/evasive/options.js';

export { validateResources } from './interventions/validateResources.js';
export { isLocaleTag, localeChain } from './interventions/localeChain.js';
export { selectResources, MAX_SIGNPOSTS } from './interventions/selectResources.js';
export {
  findStaleResources,
  DEFAULT_MAX_RESOURCE_AGE_DAYS,
} from './interventions/findStaleResources.js';
export { createQueryInterceptor } from './interventions/createQueryInterceptor.js';
export type {
  QueryInterceptorConfig,
  QueryInterceptor,
} from './interventions/createQueryInterceptor.js';
export { DEFAULT_CRISIS_TERMS } from './interventions/queries/crisisTerms.js';
export { DEFAULT_BENIGN_PHRASES } from './interventions/queries/benignPhrases.js';
export { DEFAULT_CODE_WORDS } from './interventions/queries/codeWords.js';
export type { CodeWordRule } from './interventions/queries/codeWords.js';
export type { QueryVocabularyOptions } from './interventions/queries/queryVocabulary.js';
export { createBannerRules } from './interventions/createBannerRules.js';
export type { BannerFinder, BannerRulesConfig } from './interventions/createBannerRules.js';
export {
  SUPPORT_GROUP,
  DEFAULT_SUPPORT_TERMS,
  DEFAULT_BANNER_RULES,
} from './interventions/supportTerms.js';
export type { BannerRule } from './interventions/supportTerms.js';
export { addSeeLess, seeLessMultiplier, SEE_LESS } from './feedback/seeLess.js';
export type { SeeLessEntry } from './feedback/types.js';
export { planInterventions } from './interventions/planInterventions.js';
export type { InterventionContext } from './interventions/planInterventions.js';
export { resolveInterventionSettings } from './interventions/interventionSettings.js';
export { recordIntervention } from './feedback/interventionLog.js';
export type {
  InterventionSettings,
  ResolvedInterventionSettings,
} from './interventions/interventionSettings.js';
export type { InterventionLog } from './feedback/types.js';
export type {
  ResourceInput,
  Resource,
  ResourceDirectory,
  StaleResource,
  QueryInterception,
  Banner,
} from './interventions/types.js';
