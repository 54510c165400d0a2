import type { SensitivityReport, SensitivityRow } from '../sensitivity/sensitivityTypes.js';
import { escapeXml, formatTrimmed } from './svg/format.js';
import { renderTextTable } from './textTable.js';

function change(row: SensitivityRow): string {
  return `${formatTrimmed(row.downValue, 6)} / ${formatTrimmed(row.base, 6)} / ${formatTrimmed(row.upValue, 6)}`;
}

/** An order, lowest value first. */
function order(list: readonly string[]): string {
  return list.join(' < ');
}

/** An NDCG order (kept best first) written lowest first, as the harm order is. */
function ascending(list: readonly string[]): readonly string[] {
  return list.slice().reverse();
}

/**
 * The sensitivity analysis as an HTML table: per constant its values, and the policies' orders
 * on harmful share and NDCG@10 retention at both ends, marked where they differ from the
 * baseline's.
 *
 * @internal
 */
export function renderSensitivityTable(report: SensitivityReport): string {
  const rows = report.rows
    .map((r) => {
      const mark = (changed: boolean, down: readonly string[], up: readonly string[]): string =>
        `<td class="text${changed ? ' outside' : ''}">${escapeXml(changed ? `changes: ${order(down)} | ${order(up)}` : 'same')}</td>`;
      return (
        `<tr><th scope="row">${escapeXml(r.constant)}</th><td>${escapeXml(change(r))}</td>` +
        mark(r.harmOrderChanged, r.down.harmOrder, r.up.harmOrder) +
        mark(r.ndcgOrderChanged, ascending(r.down.ndcgOrder), ascending(r.up.ndcgOrder)) +
        '</tr>'
      );
    })
    .join('');
  return (
    `<table class="sensitivity"><caption>Order of the policies, ${escapeXml(report.cohort)} cohort: baseline harmful share ${escapeXml(order(report.baseline.harmOrder))}; NDCG@10 retention ${escapeXml(order(ascending(report.baseline.ndcgOrder)))} (lowest first)</caption>` +
    '<thead><tr><th scope="col">Constant</th><th scope="col">Down / base / up</th><th scope="col">Harmful-share order</th><th scope="col">NDCG@10 order</th></tr></thead>' +
    `<tbody>${rows}</tbody></table>`
  );
}

/**
 * The sensitivity analysis as plain text.
 *
 * @internal
 */
export function sensitivityText(report: SensitivityReport): string {
  const rows = report.rows.map((r) => [
    r.constant,
    change(r),
    r.harmOrderChanged ? 'CHANGES' : 'same',
    r.ndcgOrderChanged ? 'CHANGES' : 'same',
  ]);
  const pct = Math.round(report.change * 100);
  return (
    `Sensitivity (±${pct}% per constant, ${report.cohort} cohort): baseline order on harmful share ${order(report.baseline.harmOrder)}, on NDCG@10 retention ${order(ascending(report.baseline.ndcgOrder))} (lowest first)\n` +
    renderTextTable(
      [
        { header: 'constant', align: 'left' },
        { header: 'down / base / up', align: 'right' },
        { header: 'harm order', align: 'left' },
        { header: 'NDCG order', align: 'left' },
      ],
      rows,
    )
  );
}
