import type { SensitivityOutcome, SensitivityReport } from '../../sensitivity/sensitivityTypes.js';
import { renderTornadoChart, type TornadoBar } from '../charts/tornadoChart.js';

/**
 * Which conclusion a tornado figure follows.
 *
 * @internal
 */
export type TornadoMetric = 'harm' | 'ndcg';

/**
 * A tornado chart of a sensitivity analysis for the comparison's headline policy (the last one
 * listed; `protective` by default): for `harm`, how much it cuts the harmful share against
 * `off`; for `ndcg`, its NDCG@10 retention — at the baseline constants, and with each constant
 * moved down and up. Rows are sorted by how far either move takes the output from the baseline
 * (both moves may go the same way); rows where the policies' order on that metric changes are
 * flagged.
 *
 * @internal
 */
export function renderTornadoFigure(report: SensitivityReport, metric: TornadoMetric): string {
  const last = report.policies.length - 1;
  const policy = report.policies[last]!;
  const value = (o: SensitivityOutcome): number =>
    metric === 'harm'
      ? o.harmfulShare[0]! > 0
        ? 1 - o.harmfulShare[last]! / o.harmfulShare[0]!
        : 0
      : o.ndcgRetention[last]!;
  const base = value(report.baseline);
  const bars: TornadoBar[] = report.rows
    .map((r) => ({
      label: r.constant,
      down: value(r.down),
      up: value(r.up),
      flagged: metric === 'harm' ? r.harmOrderChanged : r.ndcgOrderChanged,
    }))
    .sort((a, b) => extent(b, base) - extent(a, base) || (a.label < b.label ? -1 : 1));
  const pct = Math.round(report.change * 100);
  return renderTornadoChart({
    title:
      metric === 'harm'
        ? `Sensitivity of ${policy}'s cut of the harmful share, ${report.cohort} cohort`
        : `Sensitivity of ${policy}'s NDCG@10 retention, ${report.cohort} cohort`,
    description: `One row per response constant moved ${pct}% down (blue) and up (vermillion) on its own, widest swing on top; the vertical line is the baseline. Outlined rows change the order of the policies on ${metric === 'harm' ? 'harmful share' : 'NDCG@10 retention'}.`,
    xTitle:
      metric === 'harm'
        ? `${policy}: harmful share cut against off`
        : `${policy}: NDCG@10 retention`,
    xFormat: metric === 'harm' ? 'percent' : 'number',
    baseline: base,
    bars,
    flagLabel: 'order changes',
  });
}

/** How far the bar reaches on either side of the baseline. */
function extent(bar: TornadoBar, base: number): number {
  return Math.max(bar.down, bar.up, base) - Math.min(bar.down, bar.up, base);
}
