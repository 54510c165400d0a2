import type { CohortName } from '../../types.js';
import { renderLineChart, type LineSeries } from '../charts/lineChart.js';
import type { ReportView } from '../viewShape.js';
import type { SeriesStyle } from '../svg/palette.js';
import { finiteExtent, niceDomain } from '../svg/scale.js';

/** Smallest wellbeing range an axis shows, a tenth of the scale. */
const MIN_WELLBEING_SPAN = 0.1;

/**
 * Which trajectory a time-series figure draws.
 *
 * @internal
 */
export type TimeSeriesMetric = 'harmfulShare' | 'wellbeing';

/**
 * A line chart of one cohort's trajectory under each policy, against mean active time on the app
 * (the unit the audits use: "within 8 minutes", "after 5–6 hours"). Harmful share is drawn from
 * zero, so the height of a line is the share itself; wellbeing on an axis fitted to the data,
 * since its changes are small against its [0, 1] range.
 *
 * @internal
 */
export function renderTimeSeriesFigure(
  view: ReportView,
  cohort: CohortName,
  metric: TimeSeriesMetric,
  styles: ReadonlyMap<string, SeriesStyle>,
): string {
  const series: LineSeries[] = [];
  for (const report of view.reports) {
    const s = report.series[cohort];
    if (s === undefined) continue;
    series.push({
      label: report.policy,
      style: styles.get(report.policy)!,
      xs: s.activeMinutes,
      ys: metric === 'harmfulShare' ? s.harmfulShare : s.wellbeing,
    });
  }
  const common = {
    xTitle: 'Mean active time on the app (minutes)',
    xFormat: 'number' as const,
    series,
  };
  if (metric === 'harmfulShare') {
    return renderLineChart({
      ...common,
      title: `Harmful share over time, ${cohort} cohort`,
      description: `Share of impressions that were triggering items in each period, one line per policy, for the ${cohort} cohort.`,
      yTitle: 'Harmful share of impressions',
      yFormat: 'percent',
    });
  }
  const [lo, hi] = widen(finiteExtent(series.flatMap((s) => s.ys)) ?? [0, 1]);
  return renderLineChart({
    ...common,
    title: `Wellbeing over time, ${cohort} cohort`,
    description: `Mean latent wellbeing (0 worst, 1 best) at the end of each period, one line per policy, for the ${cohort} cohort.`,
    yTitle: 'Mean wellbeing (0–1)',
    yFormat: 'number',
    yDomain: niceDomain(lo, hi, 5),
  });
}

/**
 * Widens a wellbeing range narrower than `MIN_WELLBEING_SPAN` around its middle, within
 * [0, 1]: a fitted axis would otherwise blow a change of 0.002 up to the full chart height.
 */
function widen([lo, hi]: readonly [number, number]): [number, number] {
  if (hi - lo >= MIN_WELLBEING_SPAN) return [lo, hi];
  const middle = (lo + hi) / 2;
  const a = Math.max(0, Math.min(1 - MIN_WELLBEING_SPAN, middle - MIN_WELLBEING_SPAN / 2));
  return [a, a + MIN_WELLBEING_SPAN];
}
