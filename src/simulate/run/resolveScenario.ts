import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import { InputReader } from '../../validate/reader.js';
import { scenarios } from '../scenarios.js';
import type { CohortProfile, Scenario } from '../types.js';
import { resolveLabels } from '../world/labelModel.js';
import { count, MAX_STEPS, MAX_USERS } from './count.js';

/**
 * A built-in scenario by name, or a scenario object checked field by field: a name, labels,
 * default sizes, and one or two cohorts whose ranges lie in [0, 1] and whose shares add up to 1.
 *
 * @param api - `simulate` or `compare`, for messages
 * @param scenario - the `scenario` option
 * @returns the scenario
 * @throws RebalanceError with code `argument` and the path of the offending field
 * @internal
 */
export function resolveScenario(api: string, scenario: unknown): Scenario {
  if (typeof scenario === 'string') {
    if (!Object.hasOwn(scenarios, scenario))
      throw new RebalanceError(
        'argument',
        `${api}: scenario must name a built-in scenario (${Object.keys(scenarios).join(', ')}) or be a scenario object (got ${describeValue(scenario)})`,
        'scenario',
      );
    return (scenarios as Readonly<Record<string, Scenario>>)[scenario]!;
  }
  if (typeof scenario !== 'object' || scenario === null)
    throw new RebalanceError(
      'argument',
      `${api}: scenario must be a name or a scenario object (got ${describeValue(scenario)})`,
      'scenario',
    );
  const s = scenario as Partial<Scenario>;
  if (typeof s.name !== 'string' || s.name === '')
    throw new RebalanceError(
      'argument',
      `${api}: scenario.name must be a non-empty string (got ${describeValue(s.name)})`,
      'scenario.name',
    );
  resolveLabels(api, s.labels);
  count(api, 'scenario.users', s.users, undefined, MAX_USERS);
  count(api, 'scenario.steps', s.steps, undefined, MAX_STEPS);
  if (
    s.days !== undefined &&
    (typeof s.days !== 'number' || !Number.isFinite(s.days) || s.days <= 0 || s.days > 3650)
  )
    throw new RebalanceError(
      'argument',
      `${api}: scenario.days must be a number in (0, 3650] (got ${describeValue(s.days)})`,
      'scenario.days',
    );
  const cohorts = s.cohorts;
  if (typeof cohorts !== 'object' || cohorts === null)
    throw new RebalanceError(
      'argument',
      `${api}: scenario.cohorts must be an object (got ${describeValue(cohorts)})`,
      'scenario.cohorts',
    );
  let shares = 0;
  let present = 0;
  for (const cohort of ['at-risk', 'control'] as const) {
    const profile = cohorts[cohort];
    if (profile === undefined) continue;
    present++;
    shares += checkProfile(api, joinPath('scenario.cohorts', cohort), profile);
  }
  if (present === 0 || Math.abs(shares - 1) > 1e-9)
    throw new RebalanceError(
      'argument',
      `${api}: scenario.cohorts must hold 'at-risk' and/or 'control' with shares adding up to 1 (got ${present} cohorts, shares ${describeValue(shares)})`,
      'scenario.cohorts',
    );
  return s as Scenario;
}

function checkProfile(api: string, path: string, profile: unknown): number {
  if (typeof profile !== 'object' || profile === null)
    throw new RebalanceError(
      'argument',
      `${api}: ${path} must be an object (got ${describeValue(profile)})`,
      path,
    );
  const p = profile as Partial<CohortProfile>;
  if (typeof p.share !== 'number' || !(p.share > 0 && p.share <= 1))
    throw new RebalanceError(
      'argument',
      `${api}: ${path}.share must be a number in (0, 1] (got ${describeValue(p.share)})`,
      `${path}.share`,
    );
  for (const field of [
    'susceptibility',
    'wellbeing',
    'triggeringInterest',
    'recoveryInterest',
  ] as const) {
    const range: unknown = p[field];
    const ok =
      Array.isArray(range) &&
      range.length === 2 &&
      range.every((v) => typeof v === 'number' && v >= 0 && v <= 1) &&
      (range[0] as number) <= (range[1] as number);
    if (!ok)
      throw new RebalanceError(
        'argument',
        `${api}: ${path}.${field} must be [min, max] with 0 <= min <= max <= 1 (got ${describeValue(range)})`,
        `${path}.${field}`,
      );
  }
  if (typeof p.recoveryHistory !== 'boolean')
    throw new RebalanceError(
      'argument',
      `${api}: ${path}.recoveryHistory must be a boolean (got ${describeValue(p.recoveryHistory)})`,
      `${path}.recoveryHistory`,
    );
  if (p.groupInterest !== undefined) {
    const r = new InputReader(api, 'argument', '');
    const weights = r.record(p.groupInterest, `${path}.groupInterest`, 64, 64);
    for (const group of Object.keys(weights))
      r.number(weights[group], joinPath(`${path}.groupInterest`, group), 0, 10);
  }
  return p.share;
}
