export { arbitraries } from './arbitraries/index.js';
export type {
  ImpressionArbitraryOptions,
  PolicyArbitraryOptions,
  RebalanceCaseOptions,
} from './arbitraries/index.js';
export type { ItemArbitraryOptions } from './arbitraries/options.js';
export { checkRebalancer } from './check/checkRebalancer.js';
export { assertRebalancer } from './check/assertRebalancer.js';
export { createGuaranteeContext } from './check/context.js';
export { formatCase } from './check/formatCase.js';
export { GuaranteeViolation, guaranteeName } from './check/GuaranteeViolation.js';
export { guaranteeChecks, ALL_GUARANTEES } from './guarantees/index.js';
export { checkNoInvention } from './guarantees/noInvention.js';
export { checkNothingLost } from './guarantees/nothingLost.js';
export { checkNoCostForUnaffected } from './guarantees/noCostForUnaffected.js';
export { checkCapsHold } from './guarantees/capsHold.js';
export { checkTopSlotsFirst } from './guarantees/topSlotsFirst.js';
export { checkStability } from './guarantees/stability.js';
export { checkRecoveryCadence } from './guarantees/recoveryCadence.js';
export { checkDeterminism } from './guarantees/determinism.js';
export type {
  CheckOptions,
  CheckResult,
  CustomProperty,
  GuaranteeCheck,
  GuaranteeContext,
  GuaranteeNumber,
  RebalanceCase,
  RebalanceTarget,
} from './types.js';
