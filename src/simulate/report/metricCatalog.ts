import type { CohortMetrics, Difference } from '../types.js';
import { formatCount, formatDuration, formatNumber, formatPercent } from './svg/format.js';

/**
 * How one cohort metric is named and printed, in one place so that the HTML page and the
 * plain-text table always agree.
 *
 * @internal
 */
export interface MetricInfo {
  readonly key: keyof CohortMetrics;
  /** Column header in the HTML table. */
  readonly label: string;
  /** Column header in the plain-text table (a terminal is narrow). */
  readonly short: string;
  /** `share` prints as a percentage and differences as percentage points. */
  readonly unit: 'share' | 'ms' | 'impressions' | 'ratio' | 'rate' | 'count' | 'minutes';
  /** Whether the plain-text table includes it. */
  readonly inText: boolean;
}

/**
 * The metrics of a cohort in reading order: harm first, then detection, then cost and benefit.
 *
 * @internal
 */
export const METRICS: readonly MetricInfo[] = [
  { key: 'users', label: 'Users', short: 'users', unit: 'count', inText: true },
  { key: 'impressions', label: 'Impressions', short: 'impr.', unit: 'count', inText: false },
  { key: 'harmfulShare', label: 'Harmful share', short: 'harmful', unit: 'share', inText: true },
  {
    key: 'harmfulWatchShare',
    label: 'Harmful watch-time share',
    short: 'watch',
    unit: 'share',
    inText: true,
  },
  { key: 'harmfulReach', label: 'Users reached', short: 'reach', unit: 'share', inText: false },
  {
    key: 'longestRun',
    label: 'Longest run (mean)',
    short: 'longest',
    unit: 'impressions',
    inText: true,
  },
  { key: 'p95Run', label: 'Run length p95', short: 'p95 run', unit: 'impressions', inText: true },
  {
    key: 'firstHarmfulMs',
    label: 'First harmful item',
    short: '1st harm',
    unit: 'ms',
    inText: true,
  },
  {
    key: 'harmfulIntervalMs',
    label: 'Harmful item every (first 30 min)',
    short: 'interval',
    unit: 'ms',
    inText: false,
  },
  {
    key: 'bubbleWatches',
    label: 'Watches to the bubble',
    short: 'bubble',
    unit: 'impressions',
    inText: false,
  },
  {
    key: 'detectionDelay',
    label: 'Detection delay (impressions)',
    short: 'delay',
    unit: 'impressions',
    inText: true,
  },
  { key: 'detectionRate', label: 'Detected', short: 'detected', unit: 'share', inText: false },
  {
    key: 'falseAlarmsPer1000',
    label: 'False alarms per 1,000',
    short: 'FA/1k',
    unit: 'rate',
    inText: true,
  },
  {
    key: 'ndcgRetention',
    label: 'NDCG retention',
    short: 'NDCG',
    unit: 'ratio',
    inText: true,
  },
  {
    key: 'rankDisplacement',
    label: 'Mean rank displacement',
    short: 'displ.',
    unit: 'rate',
    inText: false,
  },
  { key: 'recoveryShare', label: 'Recovery share', short: 'recovery', unit: 'share', inText: true },
  {
    key: 'recoveryEngagement',
    label: 'Recovery dwell ratio',
    short: 'rec. eng.',
    unit: 'ratio',
    inText: false,
  },
  { key: 'wellbeing', label: 'Wellbeing (end)', short: 'wellbeing', unit: 'ratio', inText: false },
  {
    key: 'wellbeingChange',
    label: 'Wellbeing change',
    short: 'wb. Δ',
    unit: 'ratio',
    inText: true,
  },
  {
    key: 'watchMinutes',
    label: 'Watch time per user (min)',
    short: 'watch min',
    unit: 'minutes',
    inText: true,
  },
  { key: 'sessions', label: 'Sessions per user', short: 'sessions', unit: 'rate', inText: true },
  {
    key: 'requestsPerSession',
    label: 'Feed requests per session',
    short: 'req/sess',
    unit: 'rate',
    inText: false,
  },
  { key: 'returnRate', label: 'Return rate', short: 'return', unit: 'share', inText: true },
];

/**
 * A metric value as printed in tables; `—` when the run could not measure it.
 *
 * @internal
 */
export function formatMetric(info: MetricInfo, value: number | null | undefined): string {
  switch (info.unit) {
    case 'share':
      return formatPercent(value, 1);
    case 'ms':
      return formatDuration(value);
    case 'impressions':
    case 'rate':
    case 'minutes':
      return formatNumber(value, 1);
    case 'ratio':
      return formatNumber(value, 3);
    case 'count':
      return formatCount(value);
  }
}

/**
 * A paired difference and its 95% interval (`−12.3 pp [−14.1, −10.4]`): shares in percentage
 * points, since "harmful share fell by 12 percentage points" is what a reader means.
 *
 * @internal
 */
export function formatDifference(info: MetricInfo, d: Difference | null | undefined): string {
  if (d === null || d === undefined) return '—';
  const one = (v: number): string => {
    const text = info.unit === 'share' ? formatNumber(v * 100, 1) : formatMetric(info, v);
    return text.startsWith('-') ? `−${text.slice(1)}` : text;
  };
  // A plus sign only on a difference that still shows after rounding: never "+0.0".
  const sign = d.estimate > 0 && /[1-9]/.test(one(d.estimate)) ? '+' : '';
  const unit = info.unit === 'share' ? ' pp' : '';
  return `${sign}${one(d.estimate)}${unit} [${one(d.low)}, ${one(d.high)}]`;
}

/**
 * The metric's entry in {@link METRICS}.
 *
 * @internal
 */
export function metricInfo(key: keyof CohortMetrics): MetricInfo {
  const found = METRICS.find((m) => m.key === key);
  if (found === undefined) throw new Error(`metricInfo: unknown metric ${key}`);
  return found;
}
