import { RebalanceError } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import { METRICS } from '../report/metricCatalog.js';
import type { CohortName, ComparedMetric } from '../types.js';
import type { TuneConstraint, TuneObjective } from './tuneTypes.js';

const COHORTS: readonly CohortName[] = ['at-risk', 'control'];
/** The metrics a target may name: those comparisons difference. */
const METRIC_KEYS: readonly string[] = METRICS.map((m) => m.key).filter(
  (k) => k !== 'users' && k !== 'impressions',
);
/** Longer text is not a target; the bound keeps messages and parsing bounded. */
const MAX_LENGTH = 120;
const OBJECTIVE = /^\s*(min|max)\s+([A-Za-z-]+)\.([A-Za-z0-9]+)\s*$/;
const CONSTRAINT =
  /^\s*([A-Za-z-]+)\.([A-Za-z0-9]+)\s*(>=|<=)\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$/;

/**
 * Parses an objective: `min COHORT.METRIC` or `max COHORT.METRIC`.
 *
 * @param api - the calling API or command, for messages
 * @param text - the objective as written
 * @param path - what names it in errors (`objective`)
 * @returns the objective
 * @throws RebalanceError with code `argument` and `path`
 * @internal
 */
export function parseObjective(api: string, text: unknown, path: string): TuneObjective {
  const source = checkText(api, text, path, "'min COHORT.METRIC' or 'max COHORT.METRIC'");
  const m = OBJECTIVE.exec(source);
  if (m === null)
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must read 'min COHORT.METRIC' or 'max COHORT.METRIC', e.g. 'min at-risk.harmfulShare' (got ${describeValue(text)})`,
      path,
    );
  const { cohort, metric } = readTarget(api, m[2]!, m[3]!, path);
  return { text: source.trim(), direction: m[1] as 'min' | 'max', cohort, metric };
}

/**
 * Parses a constraint: `COHORT.METRIC>=NUMBER` or `COHORT.METRIC<=NUMBER`.
 *
 * @param api - the calling API or command, for messages
 * @param text - the constraint as written
 * @param path - what names it in errors (`constraints[0]`)
 * @returns the constraint
 * @throws RebalanceError with code `argument` and `path`
 * @internal
 */
export function parseConstraint(api: string, text: unknown, path: string): TuneConstraint {
  const source = checkText(api, text, path, "'COHORT.METRIC>=NUMBER' or 'COHORT.METRIC<=NUMBER'");
  const m = CONSTRAINT.exec(source);
  if (m === null)
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must read 'COHORT.METRIC>=NUMBER' or 'COHORT.METRIC<=NUMBER', e.g. 'control.ndcgRetention>=0.99' (got ${describeValue(text)})`,
      path,
    );
  const { cohort, metric } = readTarget(api, m[1]!, m[2]!, path);
  const bound = Number(m[4]);
  if (!Number.isFinite(bound))
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must bound the metric by a finite number (got ${describeValue(m[4])})`,
      path,
    );
  return { text: source.trim(), cohort, metric, relation: m[3] as '>=' | '<=', bound };
}

function checkText(api: string, text: unknown, path: string, form: string): string {
  if (typeof text !== 'string' || text.length > MAX_LENGTH)
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must be a string of at most ${MAX_LENGTH} characters, ${form} (got ${describeValue(text)})`,
      path,
    );
  return text;
}

function readTarget(
  api: string,
  cohort: string,
  metric: string,
  path: string,
): { cohort: CohortName; metric: ComparedMetric } {
  if (!COHORTS.includes(cohort as CohortName))
    throw new RebalanceError(
      'argument',
      `${api}: ${path} names an unknown cohort ${describeValue(cohort)} (expected at-risk or control)`,
      path,
    );
  if (!METRIC_KEYS.includes(metric))
    throw new RebalanceError(
      'argument',
      `${api}: ${path} names an unknown metric ${describeValue(metric)} (expected one of ${METRIC_KEYS.join(', ')})`,
      path,
    );
  if (metric === 'falseAlarmsPer1000' && cohort !== 'control')
    throw new RebalanceError(
      'argument',
      `${api}: ${path}: falseAlarmsPer1000 is measured on the control cohort only, where every alarm is false (got ${describeValue(`${cohort}.${metric}`)})`,
      path,
    );
  return { cohort: cohort as CohortName, metric: metric as ComparedMetric };
}
