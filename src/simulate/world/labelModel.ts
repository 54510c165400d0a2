import { InputReader } from '../../validate/reader.js';

/**
 * How a scenario's items are labelled for the policy, when the labels are not the ground truth:
 * a classifier with per-group recall and false-positive rate, borderline items whose topic
 * confidence lies below 1, items with a second topic, and triggering items that carry only an
 * evasive hashtag. What the metrics count as harmful never depends on the labels. Every field is
 * optional; all omitted is exact labels (`'topics'`).
 *
 * Per triggering item of group g (from a labels stream of its own, so the items, their
 * embeddings and the ground truth are the same whatever the labels):
 *
 * - with chance `evasive`: no topic, only an evasive hashtag (`#th1nspo`): the matcher decides;
 * - otherwise its topic with confidence 1, or uniform in [0.3, 0.8) for a `borderline` item;
 *   a miss (chance 1 − recall[g]) lowers the confidence to uniform in [0.05, 0.5), below the
 *   default `minConfidence` of 0.5, as a calibrated classifier scores the items it misses.
 *
 * Per ordinary item: with chance `falsePositiveRate[g]` for each group g, a triggering topic of
 * g at confidence uniform in [0.5, 0.9). Per item of any kind, with chance `multiLabel`, a second
 * topic: one of its `near` topics at confidence uniform in [0.3, 0.9). Under any label model but
 * exact labels, triggering and recovery items carry no hashtag of the taxonomy (the labels are
 * the classifier's), except the evasive ones.
 *
 * @example
 * ```ts
 * import { scenarios, simulate, type LabelModel } from 'feed-rebalancer/simulate';
 * const noisy: LabelModel = { recall: { 'eating-disorder': 0.8 }, falsePositiveRate: 0.02, borderline: 0.3 };
 * const report = await simulate({
 *   scenario: { ...scenarios.mixed, name: 'noisy-mixed', labels: noisy },
 *   policy: 'balanced',
 *   seed: 1,
 *   users: 20,
 *   steps: 40,
 * });
 * ```
 */
export interface LabelModel {
  /** Chance a triggering item gets its topic at confidence ≥ 0.5, for all groups or per group. @defaultValue 1 */
  readonly recall?: number | Readonly<Record<string, number>>;
  /** Chance an ordinary item gets a triggering topic of a group, for all groups or per group. @defaultValue 0 */
  readonly falsePositiveRate?: number | Readonly<Record<string, number>>;
  /** Share of triggering items that are borderline (confidence in [0.3, 0.8)). @defaultValue 0 */
  readonly borderline?: number;
  /** Share of items with a second, neighbouring topic (confidence in [0.3, 0.9)). @defaultValue 0 */
  readonly multiLabel?: number;
  /** Share of triggering items labelled only by an evasive hashtag. @defaultValue 0 */
  readonly evasive?: number;
}

/**
 * A label model with every field filled in; groups absent from a per-group map take 1 (recall)
 * or 0 (false-positive rate).
 *
 * @internal
 */
export interface ResolvedLabels {
  /** True for exact labels: topic lists and taxonomy hashtags, as a host with perfect labels sends. */
  readonly exact: boolean;
  readonly recall: ReadonlyMap<string, number>;
  readonly defaultRecall: number;
  readonly falsePositiveRate: ReadonlyMap<string, number>;
  readonly defaultFalsePositiveRate: number;
  readonly borderline: number;
  readonly multiLabel: number;
  readonly evasive: number;
}

/**
 * Resolves a scenario's `labels`: `'topics'` (exact), `'evasive'` (every triggering item evasive)
 * or a {@link LabelModel}.
 *
 * @throws RebalanceError with code `argument` and the path `scenario.labels…`
 * @internal
 */
export function resolveLabels(api: string, labels: unknown): ResolvedLabels {
  if (labels === 'topics') return EXACT;
  if (labels === 'evasive') return { ...EXACT, exact: false, evasive: 1 };
  const r = new InputReader(api, 'argument', '');
  const path = 'scenario.labels';
  if (typeof labels !== 'object' || labels === null)
    r.fail(path, "must be 'topics', 'evasive' or a label model object", labels);
  const m = r.object(labels, path, [
    'recall',
    'falsePositiveRate',
    'borderline',
    'multiLabel',
    'evasive',
  ]);
  const share = (key: string): number =>
    m[key] === undefined ? 0 : r.number(m[key], `${path}.${key}`, 0, 1);
  const perGroup = (key: string, otherwise: number): [Map<string, number>, number] => {
    const value = m[key];
    if (value === undefined) return [new Map<string, number>(), otherwise];
    if (typeof value === 'number')
      return [new Map<string, number>(), r.number(value, `${path}.${key}`, 0, 1)];
    const record = r.record(value, `${path}.${key}`, 64, 64);
    const map = new Map<string, number>();
    for (const group of Object.keys(record))
      map.set(group, r.number(record[group], `${path}.${key}.${group}`, 0, 1));
    return [map, otherwise];
  };
  const [recall, defaultRecall] = perGroup('recall', 1);
  const [falsePositiveRate, defaultFalsePositiveRate] = perGroup('falsePositiveRate', 0);
  const resolved = {
    exact: false,
    recall,
    defaultRecall,
    falsePositiveRate,
    defaultFalsePositiveRate,
    borderline: share('borderline'),
    multiLabel: share('multiLabel'),
    evasive: share('evasive'),
  };
  return isExact(resolved) ? EXACT : resolved;
}

const EXACT: ResolvedLabels = {
  exact: true,
  recall: new Map(),
  defaultRecall: 1,
  falsePositiveRate: new Map(),
  defaultFalsePositiveRate: 0,
  borderline: 0,
  multiLabel: 0,
  evasive: 0,
};

function isExact(l: ResolvedLabels): boolean {
  return (
    l.defaultRecall === 1 &&
    [...l.recall.values()].every((v) => v === 1) &&
    l.defaultFalsePositiveRate === 0 &&
    [...l.falsePositiveRate.values()].every((v) => v === 0) &&
    l.borderline === 0 &&
    l.multiLabel === 0 &&
    l.evasive === 0
  );
}
