import { calibrationText } from './calibrationTable.js';
import { formatDifference, formatMetric, METRICS, metricInfo } from './metricCatalog.js';
import { toReportView, type ReportInput } from './reportView.js';
import type { ReportView } from './viewShape.js';
import { sensitivityText } from './sensitivityTable.js';
import { renderTextTable, type TextColumn } from './textTable.js';

/** The differences a reader looks at first: harm, run length, the relevance cost, wellbeing. */
const DIFFERENCE_KEYS = [
  'harmfulShare',
  'longestRun',
  'ndcgRetention',
  'wellbeingChange',
  'watchMinutes',
] as const;

/**
 * A plain-text summary for a terminal: the scenario, seed and sizes; one row per cohort and
 * policy with the main metrics, harm, relevance and engagement; for a comparison, each policy's
 * paired difference from `off` with its 95% bootstrap interval; for a calibration, its table of
 * targets, bands, simulated values and residuals; for a sensitivity analysis, each constant's
 * effect on the policies' orders. Each block appears only when the report has its data. The same
 * report always gives the same text.
 *
 * @param report - a `SimulationReport`, a `ComparisonReport`, a `CalibrationReport` or a
 *   `SensitivityReport`
 * @returns the table as text, ending with a newline
 * @throws RebalanceError with code `argument` when `report` is none of them
 * @example
 * ```ts
 * import { compare, summaryTable } from 'feed-rebalancer/simulate';
 * const comparison = await compare({ scenario: 'mixed', seed: 1, users: 60, steps: 60 });
 * process.stdout.write(summaryTable(comparison));
 * ```
 */
export function summaryTable(report: ReportInput): string {
  const view = toReportView(report, 'summaryTable');
  const parts = [`${headline(view)}\n`];
  if (view.reports.length > 0) parts.push(`${metricsBlock(view)}\n${KEY}`);
  if (view.differences.size > 0) parts.push(differencesBlock(view));
  if (view.calibration !== null) parts.push(calibrationText(view.calibration));
  if (view.sensitivity !== null) parts.push(sensitivityText(view.sensitivity));
  return parts.join('\n');
}

/** What the terse column headers mean; a terminal has no room for the full names. */
const KEY = [
  'harmful, watch: share of impressions, of watch time on triggering items',
  'longest: mean longest run · p95 run: 95th percentile run length (impressions)',
  '1st harm: median active time to the first triggering item · delay: median detection delay',
  'FA/1k: false alarms per 1,000 impressions · NDCG: relevance retained (@10 simulated, @k replayed)',
  'recovery: share of recovery items · wb. Δ: mean wellbeing change (0–1 scale)',
  'watch min: watch time per user · sessions: per user · return: share of sessions followed by a return',
  '',
].join('\n');

function headline(view: ReportView): string {
  if (view.reports.length === 0) {
    const notes = view.notes.map(([k, v]) => `${k.toLowerCase()} ${v}`).join(' · ');
    return `${view.scenario} · seed ${view.seed} · ${notes}`;
  }
  const policies = view.reports.map((r) => r.policy).join(', ');
  const replay = view.replay;
  if (replay !== null)
    return `Replay of ${replay.log} · ${view.users} users, ${replay.requests} requests, top ${replay.k} · bootstrap seed ${view.seed} · policies: ${policies}`;
  return `Scenario ${view.scenario} · seed ${view.seed} · ${view.users} users × ${view.steps} feed requests · policies: ${policies}`;
}

function metricsBlock(view: ReportView): string {
  const shown = METRICS.filter((m) => m.inText);
  const columns: TextColumn[] = [
    { header: 'cohort', align: 'left' },
    { header: 'policy', align: 'left' },
    ...shown.map((m): TextColumn => ({ header: m.short, align: 'right' })),
  ];
  const rows: string[][] = [];
  for (const cohort of view.cohorts) {
    view.reports.forEach((report, i) => {
      const metrics = report.cohorts[cohort];
      if (metrics === undefined) return;
      rows.push([
        i === 0 ? cohort : '',
        report.policy,
        ...shown.map((m) => formatMetric(m, metrics[m.key])),
      ]);
    });
  }
  return renderTextTable(columns, rows);
}

function differencesBlock(view: ReportView): string {
  const infos = DIFFERENCE_KEYS.map((key) => metricInfo(key));
  const resamples = view.bootstrap === null ? '' : `, ${view.bootstrap.resamples} resamples`;
  const columns: TextColumn[] = [
    { header: 'cohort', align: 'left' },
    { header: 'policy', align: 'left' },
    ...infos.map((m): TextColumn => ({ header: m.label, align: 'right' })),
  ];
  const rows: string[][] = [];
  for (const cohort of view.cohorts) {
    let first = true;
    for (const report of view.reports) {
      const d = view.differences.get(report.policy)?.cohorts[cohort];
      if (d === undefined) continue;
      rows.push([
        first ? cohort : '',
        report.policy,
        ...DIFFERENCE_KEYS.map((key, j) => formatDifference(infos[j]!, d[key])),
      ]);
      first = false;
    }
  }
  return (
    `Paired difference from off (95% bootstrap interval${resamples}):\n` +
    renderTextTable(columns, rows)
  );
}
