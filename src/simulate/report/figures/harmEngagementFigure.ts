import type { CohortName } from '../../types.js';
import { renderScatterChart, type ScatterPoint } from '../charts/scatterChart.js';
import type { ReportView } from '../viewShape.js';
import type { SeriesStyle } from '../svg/palette.js';

/**
 * Harm against engagement across policies for one cohort: x is the watch time per user
 * (minutes), y the harmful share of impressions; one point per policy, with the 95%
 * paired-bootstrap whiskers of its differences from `off` placed around it. A policy that cuts
 * harm at no cost in engagement sits straight below `off`; one that costs watch time sits to the
 * left. Returns `''` when no run measured watch time.
 *
 * @internal
 */
export function renderHarmEngagementFigure(
  view: ReportView,
  cohort: CohortName,
  styles: ReadonlyMap<string, SeriesStyle>,
): string {
  const points: ScatterPoint[] = [];
  for (const report of view.reports) {
    const m = report.cohorts[cohort];
    if (m === undefined || m.watchMinutes === null || m.watchMinutes === undefined) continue;
    const x = m.watchMinutes;
    const y = m.harmfulShare;
    const d = view.differences.get(report.policy)?.cohorts[cohort];
    const dx = d?.watchMinutes ?? null;
    const dy = d?.harmfulShare ?? null;
    points.push({
      label: report.policy,
      style: styles.get(report.policy)!,
      x,
      y,
      ...(dx === null ? {} : { x95: [x + (dx.low - dx.estimate), x + (dx.high - dx.estimate)] }),
      ...(dy === null ? {} : { y95: [y + (dy.low - dy.estimate), y + (dy.high - dy.estimate)] }),
    });
  }
  if (points.length === 0) return '';
  return renderScatterChart({
    title: `Harm against engagement, ${cohort} cohort`,
    description: `One point per policy: watch time per user in minutes across, harmful share of impressions up, with 95% paired-bootstrap whiskers, ${cohort} cohort.`,
    xTitle: 'Watch time per user (minutes)',
    yTitle: 'Harmful share of impressions',
    xFormat: 'number',
    yFormat: 'percent',
    points,
  });
}
