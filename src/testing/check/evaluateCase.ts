import type { Rebalancer } from '../../facade/types.js';
import { guaranteeChecks } from '../guarantees/index.js';
import type {
  CustomProperty,
  GuaranteeContext,
  GuaranteeNumber,
  RebalanceCase,
  RebalanceTarget,
} from '../types.js';
import { createGuaranteeContext } from './context.js';
import { deepCopy } from './deepEqual.js';

/** The first failure on one case. @internal */
export interface CaseFailure {
  readonly guarantee: GuaranteeNumber | string;
  readonly message: string;
}

function text(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs the target on a private deep copy of the case's request (so a target that changes its
 * input cannot change the generated case) and applies the guarantees, then the custom
 * properties, in order. Returns the first failure, or `null`.
 *
 * @internal
 */
export function evaluateCase(
  reference: Rebalancer,
  target: RebalanceTarget,
  c: RebalanceCase,
  guarantees: readonly GuaranteeNumber[],
  properties: readonly CustomProperty[],
): CaseFailure | null {
  let context: GuaranteeContext;
  try {
    context = createGuaranteeContext(reference, target, deepCopy(c.request));
  } catch (error) {
    return { guarantee: 'error', message: `the target threw on a valid request: ${text(error)}` };
  }
  for (const g of guarantees) {
    let message: string | null;
    try {
      message = guaranteeChecks[g](context);
    } catch (error) {
      message = `checking it threw ${text(error)}`;
    }
    if (message !== null) return { guarantee: g, message };
  }
  for (const property of properties) {
    let outcome: unknown;
    try {
      outcome = property.check(context);
    } catch (error) {
      return { guarantee: property.name, message: text(error) };
    }
    if (outcome === false)
      return { guarantee: property.name, message: 'the property returned false' };
    if (typeof outcome === 'string') return { guarantee: property.name, message: outcome };
  }
  return null;
}
