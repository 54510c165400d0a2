import type { InputReader } from '../../validate/reader.js';
import { joinPath } from '../../errors/describe.js';
import type { TunePlan } from '../tune/planTuning.js';
import { isFeasible } from '../tune/runRestart.js';
import { policyAt, SEARCH_SPACE, settingsAt, snapToGrid } from '../tune/searchSpace.js';
import type { EvaluationRecord, MeasuredMetric } from '../tune/tuneTypes.js';
import type { Difference } from '../types.js';
import { decodeNumber, encodeNumber } from './exactNumbers.js';

const RECORD_FIELDS: readonly string[] = ['x', 'objective', 'constraints'];
const METRIC_FIELDS: readonly string[] = ['value', 'low', 'high', 'difference'];
const DIFFERENCE_FIELDS: readonly string[] = ['estimate', 'low', 'high'];

/**
 * An evaluation as plain JSON: only its point and what was measured there, every number exact.
 * The settings, the policy and whether it is feasible follow from those and are not written —
 * the merge derives them, so a partial cannot carry a policy its point does not give.
 *
 * @internal
 */
export function encodeEvaluation(record: EvaluationRecord): Record<string, unknown> {
  return {
    x: record.x.map(encodeNumber),
    objective: encodeMetric(record.objective),
    constraints: record.constraints.map(encodeMetric),
  };
}

function encodeMetric(m: MeasuredMetric): Record<string, unknown> {
  const n = (v: number | null): unknown => (v === null ? null : encodeNumber(v));
  const d = m.difference;
  return {
    value: n(m.value),
    low: n(m.low),
    high: n(m.high),
    difference: d === null ? null : { estimate: n(d.estimate), low: n(d.low), high: n(d.high) },
  };
}

/**
 * Decodes evaluation `index` of restart `restart` from untrusted input: a point of the search
 * space's grid and its metrics, the rest derived as `runRestart` derives it.
 *
 * @throws RebalanceError naming the path of the offending field
 * @internal
 */
export function decodeEvaluation(
  r: InputReader,
  value: unknown,
  path: string,
  plan: TunePlan,
  restart: number,
  index: number,
): EvaluationRecord {
  const o = r.object(value, path, RECORD_FIELDS);
  for (const key of RECORD_FIELDS)
    if (!(key in o)) r.fail(joinPath(path, key), 'is missing', undefined);
  const at = joinPath(path, 'x');
  const list = r.array(o['x'], at, SEARCH_SPACE.length);
  if (list.length !== SEARCH_SPACE.length)
    r.fail(at, `must hold one coordinate per search dimension (${SEARCH_SPACE.length})`, list);
  const x = list.map((v, k) => {
    const c = decodeNumber(r, v, joinPath(at, k));
    if (!(c >= 0 && c <= 1)) r.fail(joinPath(at, k), 'must be in [0, 1]', c);
    return c;
  });
  if (snapToGrid(x).some((c, k) => c !== x[k]))
    r.fail(at, "must be a point of the search space's grid (the centre of a cell)", list);
  const objective = decodeMetric(r, o['objective'], joinPath(path, 'objective'));
  const cat = joinPath(path, 'constraints');
  const given = r.array(o['constraints'], cat, plan.constraints.length);
  if (given.length !== plan.constraints.length)
    r.fail(cat, `must hold one metric per constraint (${plan.constraints.length})`, given);
  const constraints = given.map((m, k) => decodeMetric(r, m, joinPath(cat, k)));
  return {
    restart,
    index,
    x,
    settings: settingsAt(x),
    policy: policyAt(x),
    objective,
    constraints,
    feasible: isFeasible(plan, objective, constraints),
  };
}

function decodeMetric(r: InputReader, value: unknown, path: string): MeasuredMetric {
  const o = r.object(value, path, METRIC_FIELDS);
  for (const key of METRIC_FIELDS)
    if (!(key in o)) r.fail(joinPath(path, key), 'is missing', undefined);
  const n = (key: string): number | null =>
    o[key] === null ? null : decodeNumber(r, o[key], joinPath(path, key));
  const metricValue = n('value');
  if (metricValue !== null && !Number.isFinite(metricValue))
    r.fail(joinPath(path, 'value'), 'must be a finite number or null', metricValue);
  let difference: Difference | null = null;
  if (o['difference'] !== null) {
    const at = joinPath(path, 'difference');
    const d = r.object(o['difference'], at, DIFFERENCE_FIELDS);
    for (const key of DIFFERENCE_FIELDS)
      if (!(key in d)) r.fail(joinPath(at, key), 'is missing', undefined);
    difference = {
      estimate: decodeNumber(r, d['estimate'], joinPath(at, 'estimate')),
      low: decodeNumber(r, d['low'], joinPath(at, 'low')),
      high: decodeNumber(r, d['high'], joinPath(at, 'high')),
    };
  }
  return { value: metricValue, low: n('low'), high: n('high'), difference };
}
