import type { CalibrationEntry } from '../calibration/calibrationTypes.js';
import { escapeXml, formatNumber } from './svg/format.js';
import { renderTextTable } from './textTable.js';

/** A value in a target's unit, as the table prints it. */
function show(entry: CalibrationEntry, value: number | null): string {
  if (value === null) return '—';
  switch (entry.unit) {
    case 'share':
      return `${formatNumber(value * 100, 1)}%`;
    case 'minutes':
      return `${formatNumber(value, 2)} min`;
    case 'seconds':
      return `${formatNumber(value, 1)} s`;
    case 'ratio':
      return `×${formatNumber(value, 1)}`;
    default:
      return formatNumber(value, 1);
  }
}

/**
 * The residual, simulated minus target: percentage points for shares, a factor for the targets
 * measured on a log scale (times, counts, ratios), where "twice as long" is what a reader means.
 */
function residual(entry: CalibrationEntry): string {
  const s = entry.simulated;
  if (s === null) return 'not produced';
  if (entry.unit === 'share') {
    const pp = formatNumber((s - entry.target) * 100, 1);
    return `${pp.startsWith('-') ? `−${pp.slice(1)}` : `+${pp}`} pp`;
  }
  return `×${formatNumber(s / entry.target, 2)}`;
}

function verdict(entry: CalibrationEntry): string {
  if (entry.simulated === null) return 'not reached';
  if (entry.withinBand) return 'within';
  return entry.simulated < entry.low ? 'below' : 'above';
}

/**
 * The calibration table as HTML: per target its source, what is measured and under which
 * protocol, the figure, the band, the simulated value, the residual and whether it falls in the
 * band. Rows outside their band are marked, never left out.
 *
 * @internal
 */
export function renderCalibrationTable(entries: readonly CalibrationEntry[]): string {
  const rows = entries
    .map((e) => {
      const cells = [
        `<th scope="row">${escapeXml(e.source)}</th>`,
        `<td class="text">${escapeXml(e.measure)}<br><span class="protocol">${escapeXml(e.protocol)}</span></td>`,
        `<td>${escapeXml(show(e, e.target))}</td>`,
        `<td title="${escapeXml(e.band)}">${escapeXml(`${show(e, e.low)} – ${show(e, e.high)}`)}</td>`,
        `<td>${escapeXml(show(e, e.simulated))}</td>`,
        `<td>${escapeXml(residual(e))}</td>`,
        `<td class="verdict ${e.withinBand ? 'within' : 'outside'}">${escapeXml(verdict(e))}</td>`,
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return (
    '<table class="calibration"><caption>Published figures against the off baseline</caption>' +
    '<thead><tr><th scope="col">Source</th><th scope="col">Measure and protocol</th><th scope="col">Target</th>' +
    '<th scope="col">Band</th><th scope="col">Simulated</th><th scope="col">Residual</th><th scope="col">Band?</th></tr></thead>' +
    `<tbody>${rows}</tbody></table>`
  );
}

/**
 * The calibration table as plain text.
 *
 * @internal
 */
export function calibrationText(entries: readonly CalibrationEntry[]): string {
  const rows = entries.map((e) => [
    e.source,
    show(e, e.target),
    `${show(e, e.low)} – ${show(e, e.high)}`,
    show(e, e.simulated),
    residual(e),
    verdict(e),
  ]);
  const within = entries.filter((e) => e.withinBand).length;
  return (
    `Calibration of the off baseline: ${within} of ${entries.length} targets within their band\n` +
    renderTextTable(
      [
        { header: 'source', align: 'left' },
        { header: 'target', align: 'right' },
        { header: 'band', align: 'right' },
        { header: 'simulated', align: 'right' },
        { header: 'residual', align: 'right' },
        { header: 'band?', align: 'left' },
      ],
      rows,
    )
  );
}
