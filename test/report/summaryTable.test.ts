import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import {
  formatDifference,
  formatMetric,
  METRICS,
  metricInfo,
} from '../../src/simulate/report/metricCatalog.js';
import { summaryTable } from '../../src/simulate/report/summaryTable.js';
import { renderTextTable } from '../../src/simulate/report/textTable.js';
import { fabricateComparison, fabricateReport } from './fixtures.js';

/** Table rows of the first block: the lines after the dashed rule up to the first blank line. */
function metricRows(text: string): string[][] {
  const lines = text.split('\n');
  const rule = lines.findIndex((l) => l.startsWith('---'));
  const rows: string[][] = [];
  for (
    let i = rule + 1;
    i < lines.length && /^\S|^ {2,}\S/.test(lines[i]!) && !lines[i]!.includes(':');
    i++
  ) {
    rows.push(lines[i]!.trim().split(/\s{2,}/));
  }
  return rows;
}

describe('summaryTable', () => {
  it('summaryTable(comparison) starts with the scenario, seed, sizes and policies', () => {
    const text = summaryTable(fabricateComparison({ seed: 9, scenario: 'relapse' }));
    expect(text.split('\n')[0]).toBe(
      'Scenario relapse · seed 9 · 100 users × 200 feed requests · policies: off, dispersion, balanced, protective',
    );
  });

  it('summaryTable(comparison) has one row per cohort and policy whose cells are the formatted metrics', () => {
    const comparison = fabricateComparison();
    const rows = metricRows(summaryTable(comparison));
    const shown = METRICS.filter((m) => m.inText);
    expect(rows).toHaveLength(8);
    let r = 0;
    for (const cohort of ['at-risk', 'control'] as const) {
      for (const report of comparison.reports) {
        const cells = rows[r]!;
        // The cohort is named on its first row only.
        const offset = cells.length === shown.length + 2 ? 2 : 1;
        if (report.policy === 'off') expect(cells[0]).toBe(cohort);
        expect(cells[offset - 1]).toBe(report.policy);
        const metrics = report.cohorts[cohort]!;
        expect(cells.slice(offset)).toEqual(shown.map((m) => formatMetric(m, metrics[m.key])));
        r++;
      }
    }
  });

  it('summaryTable(comparison) prints the paired differences in percentage points with their intervals', () => {
    const comparison = fabricateComparison();
    const text = summaryTable(comparison);
    expect(text).toContain('Paired difference from off (95% bootstrap interval, 1000 resamples):');
    const d = comparison.differences[2]!.cohorts['at-risk']!.harmfulShare!;
    const pp = (v: number) => (v * 100).toFixed(1).replace('-', '−');
    const line = text.split('\n').find((l) => l.startsWith('at-risk  ') && l.includes(' pp ['))!;
    expect(line).toBeDefined();
    expect(text).toContain(`${pp(d.estimate)} pp [${pp(d.low)}, ${pp(d.high)}]`);
    expect(text).toContain(metricInfo('ndcgRetention').label);
  });

  it('formatDifference writes shares in percentage points and signs only differences that survive rounding', () => {
    const share = metricInfo('harmfulShare');
    expect(formatDifference(share, { estimate: -0.1234, low: -0.15, high: -0.1 })).toBe(
      '−12.3 pp [−15.0, −10.0]',
    );
    expect(formatDifference(share, { estimate: 0.0002, low: 0, high: 0.001 })).toBe(
      '0.0 pp [0.0, 0.1]',
    );
    expect(formatDifference(metricInfo('longestRun'), { estimate: 2, low: 1, high: 3 })).toBe(
      '+2.0 [1.0, 3.0]',
    );
    expect(formatDifference(share, null)).toBe('—');
  });

  it('summaryTable(report) of a single simulation has no differences block', () => {
    const text = summaryTable(fabricateReport('protective'));
    expect(text).not.toContain('Paired difference');
    expect(metricRows(text)).toHaveLength(2);
  });

  it('summaryTable(comparison) is the same text for the same comparison', () => {
    const a = fabricateComparison();
    expect(summaryTable(a)).toBe(summaryTable(JSON.parse(JSON.stringify(a)) as typeof a));
  });

  it('summaryTable(42) throws RebalanceError code argument naming summaryTable', () => {
    expect(() => summaryTable(42 as never)).toThrow(RebalanceError);
    expect(() => summaryTable(42 as never)).toThrow(/^summaryTable: .*\(got 42\)$/);
  });
});

describe('renderTextTable', () => {
  it('renderTextTable aligns every column: right-aligned cells end, left-aligned cells start, at one position', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '1', '%', '—', '.'), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('left' as const, 'right' as const), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 8 }),
        (aligns, rows) => {
          const columns = aligns.map((align, j) => ({ header: `h${j}`, align }));
          const text = renderTextTable(
            columns,
            rows.map((r) => r.slice(0, aligns.length).map((c) => (c === '' ? 'x' : c))),
          );
          const lines = text.trimEnd().split('\n');
          expect(lines).toHaveLength(rows.length + 2);
          // Column j occupies [start_j, start_j + width_j) on every line; the rule shows widths.
          const widths = lines[1]!.split('  ').map((d) => d.length);
          let start = 0;
          for (let j = 0; j < aligns.length; j++) {
            for (let i = 0; i < lines.length; i++) {
              if (i === 1) continue;
              const slot = lines[i]!.padEnd(start + widths[j]!).slice(start, start + widths[j]!);
              if (aligns[j] === 'right') expect(slot.endsWith(' ')).toBe(false);
              else expect(slot.startsWith(' ')).toBe(false);
            }
            start += widths[j]! + 2;
          }
        },
      ),
    );
  });
});
