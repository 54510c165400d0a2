import type { CohortName, RunLengthHistogram } from '../../types.js';
import { renderLineChart, type LineSeries } from '../charts/lineChart.js';
import type { ReportView } from '../viewShape.js';
import type { SeriesStyle } from '../svg/palette.js';

/**
 * The run-length distribution of one cohort under each policy, drawn as the number of runs at
 * least L long per 1,000 impressions against L, on a log axis.
 *
 * Why this form: a histogram of run counts is dominated by runs of length one, and the long runs
 * that matter (the rabbit hole) vanish into its baseline; a survival curve on a log axis shows the
 * tail. Counting per 1,000 impressions rather than as a share of runs keeps policies comparable:
 * a cap that splits one long run into several short ones should not look like more harm.
 *
 * @internal
 */
export function renderRunLengthFigure(
  view: ReportView,
  cohort: CohortName,
  styles: ReadonlyMap<string, SeriesStyle>,
): string {
  const series: LineSeries[] = [];
  let openFrom = 0;
  for (const report of view.reports) {
    const histogram = report.runLengths[cohort];
    const impressions = report.cohorts[cohort]?.impressions ?? 0;
    if (histogram === undefined || !(impressions > 0)) continue;
    openFrom = Math.max(openFrom, histogram.openFrom);
    const { xs, ys } = trimEmptyTail(runsAtLeast(histogram, impressions));
    series.push({ label: report.policy, style: styles.get(report.policy)!, xs, ys });
  }
  return renderLineChart({
    title: `Run-length distribution, ${cohort} cohort`,
    description: `Runs of consecutive triggering impressions at least L long, per 1,000 impressions, for L from 1 to ${openFrom}, one line per policy, ${cohort} cohort. A line ends where no run is that long.`,
    xTitle: 'Run length L (consecutive triggering impressions)',
    yTitle: 'Runs ≥ L per 1,000 impressions',
    xFormat: 'number',
    yFormat: 'log',
    series,
    yScale: 'log',
    // Fit the axis to the longest run drawn, but never narrower than ten.
    xInclude: [0, MIN_LENGTH_AXIS],
  });
}

/** The run-length axis always reaches this length. */
const MIN_LENGTH_AXIS = 10;

/** Drops the lengths no run reached, so the axis ends near the longest run drawn. */
function trimEmptyTail(curve: { xs: number[]; ys: number[] }): { xs: number[]; ys: number[] } {
  let end = curve.ys.length;
  while (end > 0 && Number.isNaN(curve.ys[end - 1])) end--;
  return { xs: curve.xs.slice(0, end), ys: curve.ys.slice(0, end) };
}

/**
 * Suffix sums of the histogram scaled per 1,000 impressions: `ys[L − 1]` counts runs of length
 * ≥ L. The last bin already holds every run of `openFrom` or more, so its value is exact.
 * Zero becomes `NaN` so that the log axis ends the line instead of plunging to minus infinity.
 *
 * @internal
 */
export function runsAtLeast(
  histogram: RunLengthHistogram,
  impressions: number,
): { xs: number[]; ys: number[] } {
  const n = histogram.counts.length;
  const xs = new Array<number>(n);
  const ys = new Array<number>(n);
  let tail = 0;
  for (let i = n - 1; i >= 0; i--) {
    tail += histogram.counts[i] ?? 0;
    xs[i] = i + 1;
    ys[i] = tail > 0 ? (tail * 1000) / impressions : NaN;
  }
  return { xs, ys };
}
