export { RebalanceError } from './errors/RebalanceError.js';
export type { RebalanceErrorCode } from './errors/RebalanceError.js';
export type { Item, Impression } from './item/types.js';
export type { TopicInput, GroupInput, TaxonomyInput } from './taxonomy/types.js';
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
  Rebalancer,
} from './facade/types.js';
