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
  Evidence,
  GroupPolicyInput,
  Level,
  LevelsInput,
  PolicyInput,
} from './policy/types.js';
export type {
  ResolvedDetection,
  ResolvedDiversify,
  ResolvedGroupPolicy,
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
  NonProfilingRequest,
  SeeLessFeedback,
  InterventionFeedback,
  ObserveEvent,
  Slot,
  DroppedItem,
  DropReason,
  RejectedRecovery,
  RejectionReason,
  RebalanceResult,
  AppliedActions,
  Rebalancer,
} from './facade/types.js';
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
export { addSeeLess, seeLessMultiplier, SEE_LESS } from './interventions/seeLess.js';
export type { SeeLessEntry } from './interventions/seeLess.js';
export { planInterventions } from './interventions/planInterventions.js';
export type { InterventionContext } from './interventions/planInterventions.js';
export {
  resolveInterventionSettings,
  recordIntervention,
  EMPTY_INTERVENTION_LOG,
  MAX_LOGGED_INTERVENTIONS,
} from './interventions/interventionSettings.js';
export type {
  InterventionSettings,
  ResolvedInterventionSettings,
  InterventionLog,
} from './interventions/interventionSettings.js';
export type {
  ResourceInput,
  Resource,
  ResourceDirectory,
  StaleResource,
  QueryInterception,
  Banner,
} from './interventions/types.js';
