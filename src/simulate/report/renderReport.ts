import type { CohortName } from '../types.js';
import { renderCalibrationTable } from './calibrationTable.js';
import { renderHarmCostFigure } from './figures/harmCostFigure.js';
import { renderHarmEngagementFigure } from './figures/harmEngagementFigure.js';
import { renderTornadoFigure } from './figures/tornadoFigure.js';
import { renderRunLengthFigure } from './figures/runLengthFigure.js';
import { renderTimeSeriesFigure } from './figures/timeSeriesFigure.js';
import { renderDifferencesTable, renderMetricsTable } from './htmlTables.js';
import { pageOpening } from './pageStyle.js';
import { toReportView, type ReportInput } from './reportView.js';
import type { ReportView } from './viewShape.js';
import { renderSensitivityTable } from './sensitivityTable.js';
import { escapeXml } from './svg/format.js';
import { assignStyles, type SeriesStyle } from './svg/palette.js';

/**
 * Renders a simulation, a comparison, a calibration or a sensitivity analysis as one
 * self-contained HTML page: inline CSS and inline SVG charts, no scripts, no fonts or images from
 * the network (a content security policy in the page forbids every fetch). The page holds the
 * seed, scenario and sizes; a summary table per cohort (harm, detection, relevance and
 * engagement); charts of the harmful share over time, the run-length distribution, harm against
 * relevance cost and harm against watch time across policies (with 95% paired-bootstrap
 * whiskers), and wellbeing over time; the calibration table with its residuals; and tornado
 * charts of a sensitivity analysis. Each part appears only when the report has its data. The
 * same report always renders to the same string.
 *
 * @param report - a `SimulationReport`, a `ComparisonReport` (which may carry `calibration` and
 *   `sensitivity`), a `CalibrationReport` or a `SensitivityReport`
 * @returns the HTML page
 * @throws RebalanceError with code `argument` when `report` is none of them
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { compare, renderReport } from 'feed-rebalancer/simulate';
 * const comparison = await compare({ scenario: 'mixed', seed: 1, users: 60, steps: 60 });
 * writeFileSync('report.html', renderReport(comparison));
 * ```
 */
export function renderReport(report: ReportInput): string {
  const view = toReportView(report, 'renderReport');
  const styles = assignStyles(view.reports.map((r) => r.policy));
  const title =
    view.replay === null
      ? `feed-rebalancer simulation: ${view.scenario}, seed ${view.seed}`
      : `feed-rebalancer ${view.scenario}`;
  const runs = view.reports.length > 0;
  const replayed = view.replay !== null;
  // A replay measures no wellbeing: its series are empty and the figure is left out.
  const wellbeing = view.reports.some((r) =>
    view.cohorts.some((c) => (r.series[c]?.wellbeing.length ?? 0) > 0),
  );
  return [
    pageOpening(title),
    header(view),
    runs ? summarySection(view) : '',
    runs
      ? figureSection(
          'harmful-share',
          'Harmful share over time',
          replayed
            ? 'Share of each period’s served items that were triggering items, periods counted in each user’s logged requests; under off, the logged feed.'
            : 'Share of each period’s impressions that were triggering items. Without a policy, an engagement-maximising feed drifts towards what at-risk users linger on.',
          view.cohorts.map((c) => renderTimeSeriesFigure(view, c, 'harmfulShare', styles)),
          view.cohorts,
        )
      : '',
    runs
      ? figureSection(
          'run-lengths',
          'Run-length distribution',
          'How many runs of consecutive triggering impressions reach each length, per 1,000 impressions, on a log scale. Caps cut the tail; a line ends where no run is that long.',
          view.cohorts.map((c) => renderRunLengthFigure(view, c, styles)),
          view.cohorts,
        )
      : '',
    runs
      ? figureSection(
          'harm-cost',
          'Harm against relevance cost',
          'One point per policy: relevance lost against the feed the recommender wanted (1 − NDCG@10 retention) across, harmful share up. Lower and further left is better. Whiskers: 95% paired-bootstrap interval of the difference from off.',
          view.cohorts.map((c) => renderHarmCostFigure(view, c, styles)),
          view.cohorts,
        )
      : '',
    runs
      ? figureSection(
          'harm-engagement',
          'Harm against engagement',
          replayed
            ? 'One point per policy: watch time per user across, harmful share up. In a replay, watch time is the logged dwell where the user was logged seeing an item and an imputed dwell elsewhere, so differences in it come from the imputation, not from how users reacted. Whiskers: 95% paired-bootstrap interval of the difference from off.'
            : 'One point per policy: watch time per user across, harmful share up. A policy that cuts harm without costing engagement sits straight below off; watch time lost moves it left. Sessions end sooner, and users leave, when pages satisfy less (a KuaiSim-style leave model). Whiskers: 95% paired-bootstrap interval of the difference from off.',
          view.cohorts.map((c) => renderHarmEngagementFigure(view, c, styles)),
          view.cohorts,
        )
      : '',
    runs && wellbeing
      ? figureSection(
          'wellbeing',
          'Wellbeing over time',
          'Mean latent wellbeing of the simulated users (0 worst, 1 best). Triggering exposure lowers it; recovery content raises it.',
          view.cohorts.map((c) => renderTimeSeriesFigure(view, c, 'wellbeing', styles)),
          view.cohorts,
        )
      : '',
    differencesSection(view),
    calibrationSection(view),
    sensitivitySection(view),
    legendNote(styles),
    '</main></body></html>',
    '',
  ].join('\n');
}

function header(view: ReportView): string {
  const first = view.reports[0];
  const rows: [string, string][] = [
    ['Scenario', view.scenario],
    ['Seed', String(view.seed)],
    ['Users', String(view.users)],
  ];
  if (first !== undefined) {
    rows.push([
      view.replay === null ? 'Feed requests per user' : 'Most requests of one user',
      String(view.steps),
    ]);
    if (typeof first.days === 'number') rows.push(['Horizon (days)', String(first.days)]);
    rows.push(['Items per request', String(first.pageSize)]);
    if (typeof first.recommender === 'string') rows.push(['Recommender', first.recommender]);
    rows.push(['Requests per chart period', String(first.bucketSteps)]);
    rows.push(['Policies', view.reports.map((r) => r.policy).join(', ')]);
  }
  for (const [k, v] of view.notes) rows.push([k, v]);
  if (view.bootstrap !== null) {
    rows.push([
      'Confidence intervals',
      `${formatLevel(view.bootstrap.level)} paired percentile bootstrap, ${view.bootstrap.resamples} resamples of users`,
    ]);
  }
  const items = rows.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join('');
  const heading =
    view.replay === null
      ? `Simulation report: ${view.scenario}`
      : `Replay report: ${view.replay.log}`;
  const meta =
    view.replay === null
      ? 'Synthetic users and items from a seeded simulation; no real user data. The same seed and sizes reproduce every figure on this page.'
      : 'Logged requests served again under each policy, each policy’s state fed by what it would have served. What a policy serves is exact; how users would have reacted is not: dwell on items the user was not logged seeing is imputed, and the logged user never saw the changed feed (docs/replay.md).';
  return (
    `<header><h1>${escapeXml(heading)}</h1>` +
    `<p class="meta">${escapeXml(meta)}</p>` +
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

function calibrationSection(view: ReportView): string {
  if (view.calibration === null) return '';
  const within = view.calibration.filter((e) => e.withinBand).length;
  return (
    '<section id="calibration"><h2>Calibration against public audits</h2>' +
    `<p>The off baseline under each target’s protocol (scripted accounts that never leave), against the published figure and its band: ${within} of ${view.calibration.length} within their band. Residual: simulated minus target (percentage points for shares, a factor otherwise). A target outside its band is shown as such; docs/simulation.md says why each band is what it is and how the default constants were fitted to them.</p>` +
    `<div class="tables">${renderCalibrationTable(view.calibration)}</div></section>`
  );
}

function sensitivitySection(view: ReportView): string {
  const s = view.sensitivity;
  if (s === null) return '';
  const pct = Math.round(s.change * 100);
  return (
    '<section id="sensitivity"><h2>Sensitivity to the response constants</h2>' +
    `<p>Each response constant moved ${pct}% down and up on its own, every policy run again on the same seed. The tornado charts show how far the headline policy’s effect moves; outlined rows change the order of the policies on that metric.</p>` +
    `<div class="figures"><figure>${renderTornadoFigure(s, 'harm')}<figcaption>${escapeXml(`Harmful share, ${s.cohort} cohort.`)}</figcaption></figure>` +
    `<figure>${renderTornadoFigure(s, 'ndcg')}<figcaption>${escapeXml(`NDCG@10 retention, ${s.cohort} cohort.`)}</figcaption></figure></div>` +
    `<div class="tables">${renderSensitivityTable(s)}</div></section>`
  );
}

function figureSection(
  id: string,
  heading: string,
  text: string,
  charts: readonly string[],
  cohorts: readonly CohortName[],
): string {
  if (charts.every((svg) => svg === '')) return '';
  const figures = charts
    .map((svg, i) =>
      svg === ''
        ? ''
        : `<figure>${svg}<figcaption>${escapeXml(cohortCaption(cohorts[i]!))}</figcaption></figure>`,
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
  return `<footer><p>Each policy keeps one colour, line pattern and marker in every chart (${names}). Colours from Okabe &amp; Ito’s palette for colour-vision deficiency. Metrics are defined in the simulator’s documentation (docs/simulation.md; a replay’s in docs/replay.md).</p></footer>`;
}

function formatLevel(level: number): string {
  return `${Math.round(level * 100)}%`;
}
