import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/simulate/report/renderReport.js';
import { summaryTable } from '../../src/simulate/report/summaryTable.js';
import { fabricateCalibration, fabricateComparison, fabricateSensitivity } from './fixtures.js';

function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('renderReport of a calibration', () => {
  const calibration = fabricateCalibration();
  const html = renderReport(calibration);

  it('renderReport(calibration) draws the calibration table, one row per target, and no simulation charts', () => {
    const table = section(html, 'calibration');
    expect(count(table, '<tr>')).toBe(1 + calibration.calibration.length);
    expect(html).not.toContain('id="harmful-share"');
    expect(html).not.toContain('<svg ');
    expect(table).toContain('2 of 5 within their band');
  });

  it('renderReport(calibration) prints each residual — percentage points for shares, a factor otherwise — and marks every row outside its band', () => {
    const table = section(html, 'calibration');
    expect(table).toContain('+17.0 pp'); // 62% against 45%
    expect(table).toContain('×1.19'); // 9.5 min against 8
    expect(table).toContain('×0.36'); // 14 s against 39
    expect(table).toContain('not produced');
    expect(count(table, 'class="verdict outside"')).toBe(3);
    expect(count(table, 'class="verdict within"')).toBe(2);
    expect(table).toContain('>above<');
    expect(table).toContain('>below<');
    expect(table).toContain('>not reached<');
  });

  it('summaryTable(calibration) prints the same rows as text, with the count within band', () => {
    const text = summaryTable(calibration);
    expect(text).toContain('Calibration of the off baseline: 2 of 5 targets within their band');
    for (const e of calibration.calibration) expect(text).toContain(e.source);
  });

  it('renderReport(comparison with calibration and sensitivity) draws the runs, the calibration table and both tornado charts', () => {
    const all = renderReport({
      ...fabricateComparison(),
      calibration: calibration.calibration,
      sensitivity: fabricateSensitivity(),
    });
    for (const id of ['summary', 'harm-engagement', 'calibration', 'sensitivity'])
      expect(all).toContain(`<section id="${id}">`);
    expect(count(section(all, 'sensitivity'), '<svg ')).toBe(2);
  });
});

describe('renderReport of a sensitivity analysis', () => {
  const sensitivity = fabricateSensitivity();
  const html = renderReport(sensitivity);

  it('draws one tornado bar per constant, widest swing on top, and outlines the rows that change an order', () => {
    const harm = section(html, 'sensitivity').split('</svg>')[0]!;
    const labels = [...harm.matchAll(/<g class="bar( flagged)?"><title>([^<]*)<\/title>/g)];
    expect(labels.map((m) => m[2])).toEqual(['lingerMs', 'damage', 'sessionTemper']);
    expect(labels.map((m) => m[1] !== undefined)).toEqual([true, false, false]);
    expect(count(harm, 'order changes')).toBe(1);
    // Two bars (down and up) per constant.
    expect(count(harm, '<rect ')).toBe(2 * 3 + 2);
  });

  it('summaryTable(sensitivity) names each constant and whether the orders change', () => {
    const text = summaryTable(sensitivity);
    expect(text).toContain('baseline order on harmful share protective < balanced < off');
    expect(text).toMatch(/lingerMs\s+\S+ \/ \S+ \/ \S+\s+CHANGES/);
    expect(text).toMatch(/damage\s+\S+ \/ \S+ \/ \S+\s+same/);
  });
});
