import type { GuaranteeCheck, GuaranteeNumber } from '../types.js';
import { checkCapsHold } from './capsHold.js';
import { checkDeterminism } from './determinism.js';
import { checkNoCostForUnaffected } from './noCostForUnaffected.js';
import { checkNoInvention } from './noInvention.js';
import { checkNothingLost } from './nothingLost.js';
import { checkRecoveryCadence } from './recoveryCadence.js';
import { checkStability } from './stability.js';
import { checkTopSlotsFirst } from './topSlotsFirst.js';

/**
 * The check of each guarantee (stated in docs/guarantees.md), by number.
 *
 * @example
 * ```ts
 * import { guaranteeChecks } from 'feed-rebalancer/testing';
 * console.log(Object.keys(guaranteeChecks)); // ['1', …, '8']
 * ```
 */
export const guaranteeChecks: Readonly<Record<GuaranteeNumber, GuaranteeCheck>> = Object.freeze({
  1: checkNoInvention,
  2: checkNothingLost,
  3: checkNoCostForUnaffected,
  4: checkCapsHold,
  5: checkTopSlotsFirst,
  6: checkStability,
  7: checkRecoveryCadence,
  8: checkDeterminism,
});

/**
 * The guarantee numbers in order.
 *
 * @example
 * ```ts
 * import { ALL_GUARANTEES } from 'feed-rebalancer/testing';
 * console.log(ALL_GUARANTEES.length); // 8
 * ```
 */
export const ALL_GUARANTEES: readonly GuaranteeNumber[] = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
