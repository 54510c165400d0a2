import type { CohortName } from '../../types.js';
import { renderScatterChart, type ScatterPoint } from '../charts/scatterChart.js';
import type { ReportView } from '../viewShape.js';
import type { SeriesStyle } from '../svg/palette.js';

/** The cost axis always reaches 1% relevance lost. */
const MIN_LOSS_AXIS = 0.01;

/**
 * Harm against cost across policies for one cohort: x is the relevance lost (1 − NDCG@10
 * retention, so 0 means the policy cost nothing), y the harmful share of impressions; one point
 * per policy. The best policies sit low and to the left.
 *
 * Whiskers show the 95% paired-bootstrap interval of the policy's difference from `off`, placed
 * around the policy's point: a whisker that stays clear of the `off` point's level means the
 * change is not an accident of which users were drawn.
 *
 * @internal
 */
export function renderHarmCostFigure(
  view: ReportView,
  cohort: CohortName,
  styles: ReadonlyMap<string, SeriesStyle>,
): string {
  const points: ScatterPoint[] = [];
  for (const report of view.reports) {
    const m = report.cohorts[cohort];
    if (m === undefined) continue;
    const x = 1 - m.ndcgRetention;
    const y = m.harmfulShare;
    const d = view.differences.get(report.policy)?.cohorts[cohort];
    const dx = d?.ndcgRetention ?? null;
    const dy = d?.harmfulShare ?? null;
    points.push({
      label: report.policy,
      style: styles.get(report.policy)!,
      x,
      y,
      // x is a loss, so the retention interval flips: a higher retention is a smaller loss.
      ...(dx === null ? {} : { x95: [x - (dx.high - dx.estimate), x + (dx.estimate - dx.low)] }),
      ...(dy === null ? {} : { y95: [y + (dy.low - dy.estimate), y + (dy.high - dy.estimate)] }),
    });
  }
  return renderScatterChart({
    title: `Harm against relevance cost, ${cohort} cohort`,
    description: `One point per policy: relevance lost (1 − NDCG@10 retention) across, harmful share of impressions up, with 95% paired-bootstrap whiskers, ${cohort} cohort.`,
    xTitle: 'Relevance lost (1 − NDCG@10 retention)',
    yTitle: 'Harmful share of impressions',
    xFormat: 'percent',
    yFormat: 'percent',
    points,
    // At least 0–1% on the cost axis, so that a loss of 0.04% does not fill the chart's width.
    xInclude: [0, MIN_LOSS_AXIS],
  });
}
