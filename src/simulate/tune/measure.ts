import type { CohortName, ComparedMetric } from '../types.js';
import type { MeasuredMetric, PolicyEvaluation } from './tuneTypes.js';

/**
 * One metric of an evaluation with its interval: the paired-bootstrap interval of the
 * difference from `off`, shifted to the policy's value.
 *
 * @internal
 */
export function measure(
  evaluation: PolicyEvaluation,
  cohort: CohortName,
  metric: ComparedMetric,
): MeasuredMetric {
  const raw = evaluation.cohorts[cohort]?.[metric];
  const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  const difference = evaluation.differences[cohort]?.[metric] ?? null;
  if (value === null || difference === null) return { value, low: null, high: null, difference };
  return {
    value,
    low: value + (difference.low - difference.estimate),
    high: value + (difference.high - difference.estimate),
    difference,
  };
}
