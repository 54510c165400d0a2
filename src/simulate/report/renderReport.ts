import type { CohortName, ComparisonReport, SimulationReport } from '../types.js';
import { renderHarmCostFigure } from './figures/harmCostFigure.js';
import { renderRunLengthFigure } from './figures/runLengthFigure.js';
import { renderTimeSeriesFigure } from './figures/timeSeriesFigure.js';
import { renderDifferencesTable, renderMetricsTable } from './htmlTables.js';
import { PAGE_STYLE } from './pageStyle.js';
import { toReportView, type ReportView } from './reportView.js';
import { escapeXml } from './svg/format.js';
import { assignStyles, type SeriesStyle } from './svg/palette.js';

/**
 * Renders a simulation or a comparison as one self-contained HTML page: inline CSS and inline
 * SVG charts, no scripts, no fonts or images from the network (a content security policy in the
 * page forbids every fetch). The page holds the seed, scenario and sizes; a summary table per
 * cohort; and charts of the harmful share over time, the run-length distribution, harm against
 * relevance cost across policies (with 95% paired-bootstrap whiskers), and wellbeing over time.
 * The same report always renders to the same string.
 *
 * @param report - a `SimulationReport` from `simulate` or a `ComparisonReport` from `compare`
 * @returns the HTML page
 * @throws RebalanceError with code `argument` when `report` is neither
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { compare, renderReport } from 'feed-rebalancer/simulate';
 * const comparison = await compare({ scenario: 'mixed', seed: 1, users: 60, steps: 60 });
 * writeFileSync('report.html', renderReport(comparison));
 * ```
 */
export function renderReport(report: ComparisonReport | SimulationReport): string {
  const view = toReportView(report, 'renderReport');
  const styles = assignStyles(view.reports.map((r) => r.policy));
  const title = `feed-rebalancer simulation: ${view.scenario}, seed ${view.seed}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeXml(title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head><body><main>',
    header(view),
    summarySection(view),
    figureSection(
      'harmful-share',
      'Harmful share over time',
      'Share of each period’s impressions that were triggering items. Without a policy, an engagement-maximising feed drifts towards what at-risk users linger on.',
      view.cohorts.map((c) => renderTimeSeriesFigure(view, c, 'harmfulShare', styles)),
      view.cohorts,
    ),
    figureSection(
      'run-lengths',
      'Run-length distribution',
      'How many runs of consecutive triggering impressions reach each length, per 1,000 impressions, on a log scale. Caps cut the tail; a line ends where no run is that long.',
      view.cohorts.map((c) => renderRunLengthFigure(view, c, styles)),
      view.cohorts,
    ),
    figureSection(
      'harm-cost',
      'Harm against relevance cost',
      'One point per policy: relevance lost against the feed the recommender wanted (1 − NDCG@10 retention) across, harmful share up. Lower and further left is better. Whiskers: 95% paired-bootstrap interval of the difference from off.',
      view.cohorts.map((c) => renderHarmCostFigure(view, c, styles)),
      view.cohorts,
    ),
    figureSection(
      'wellbeing',
      'Wellbeing over time',
      'Mean latent wellbeing of the simulated users (0 worst, 1 best). Triggering exposure lowers it; recovery content raises it.',
      view.cohorts.map((c) => renderTimeSeriesFigure(view, c, 'wellbeing', styles)),
      view.cohorts,
    ),
    differencesSection(view),
    legendNote(styles),
    '</main></body></html>',
    '',
  ].join('\n');
}

function header(view: ReportView): string {
  const first = view.reports[0]!;
  const rows: [string, string][] = [
    ['Scenario', view.scenario],
    ['Seed', String(view.seed)],
    ['Users', String(view.users)],
    ['Feed requests per user', String(view.steps)],
    ['Items per request', String(first.pageSize)],
    ['Requests per chart period', String(first.bucketSteps)],
    ['Policies', view.reports.map((r) => r.policy).join(', ')],
  ];
  if (view.bootstrap !== null) {
    rows.push([
      'Confidence intervals',
      `${formatLevel(view.bootstrap.level)} paired percentile bootstrap, ${view.bootstrap.resamples} resamples of users`,
    ]);
  }
  const items = rows.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join('');
  return (
    `<header><h1>Simulation report: ${escapeXml(view.scenario)}</h1>` +
    `<p class="meta">Synthetic users and items from a seeded simulation; no real user data. The same seed and sizes reproduce every figure on this page.</p>` +
    `<dl class="run">${items}</dl></header>`
  );
}

function summarySection(view: ReportView): string {
  return `<section id="summary"><h2>Summary</h2>${renderMetricsTable(view)}</section>`;
}

function differencesSection(view: ReportView): string {
  const tables = view.cohorts
    .map((c) => renderDifferencesTable(view, c))
    .filter((t) => t !== '')
    .join('');
  if (tables === '') return '';
  return (
    '<section id="differences"><h2>Paired differences from off</h2>' +
    '<p>Each policy against off on the same users and seeds; shares in percentage points, with the 95% bootstrap interval in brackets.</p>' +
    `<div class="tables">${tables}</div></section>`
  );
}

function figureSection(
  id: string,
  heading: string,
  text: string,
  charts: readonly string[],
  cohorts: readonly CohortName[],
): string {
  const figures = charts
    .map(
      (svg, i) =>
        `<figure>${svg}<figcaption>${escapeXml(cohortCaption(cohorts[i]!))}</figcaption></figure>`,
    )
    .join('');
  return `<section id="${id}"><h2>${escapeXml(heading)}</h2><p>${escapeXml(text)}</p><div class="figures">${figures}</div></section>`;
}

function cohortCaption(cohort: CohortName): string {
  return cohort === 'at-risk'
    ? 'At-risk cohort: users drawn towards triggering content and harmed by it.'
    : 'Control cohort: users not at risk; every alarm on them is a false alarm.';
}

function legendNote(styles: ReadonlyMap<string, SeriesStyle>): string {
  const names = [...styles.keys()].map((n) => escapeXml(n)).join(', ');
  return `<footer><p>Each policy keeps one colour, line pattern and marker in every chart (${names}). Colours from Okabe &amp; Ito’s palette for colour-vision deficiency. Metrics are defined in the simulator’s documentation.</p></footer>`;
}

function formatLevel(level: number): string {
  return `${Math.round(level * 100)}%`;
}
