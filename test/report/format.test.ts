import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeXml,
  formatCoord,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
} from '../../src/simulate/report/svg/format.js';
import { tickFormatter } from '../../src/simulate/report/svg/tickFormat.js';
import { niceTicks } from '../../src/simulate/report/svg/scale.js';

/** Undoes escapeXml, as an XML parser would. */
function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('report formatting', () => {
  it('escapeXml(text) leaves no markup character and an XML parser gets the text back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(unescapeXml(escaped)).toBe(text);
      }),
    );
  });

  it('formatNumber(v, d) reads back within half a unit of the last decimal and never prints -0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (value, digits) => {
          const text = formatNumber(value, digits);
          expect(text).not.toMatch(/^[-−]0(\.0*)?$/);
          const parsed = Number(text.replace('−', '-'));
          expect(Math.abs(parsed - value)).toBeLessThanOrEqual(
            0.5 * Math.pow(10, -digits) + 1e-9 * Math.abs(value),
          );
          if (digits > 0) expect(text.split('.')[1]).toHaveLength(digits);
        },
      ),
    );
  });

  it('formatNumber, formatPercent, formatDuration and formatCount print a missing value as —', () => {
    for (const missing of [null, undefined, NaN, Infinity]) {
      expect(formatNumber(missing)).toBe('—');
      expect(formatPercent(missing)).toBe('—');
      expect(formatDuration(missing)).toBe('—');
      expect(formatCount(missing)).toBe('—');
    }
  });

  it('formatCount(n) groups thousands like Intl en-US, independent of the machine locale', () => {
    const oracle = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(formatCount(n)).toBe(oracle.format(n).replace('-', '−'));
      }),
    );
  });

  it('formatPercent(0.4213) is 42.1% and a tiny negative share rounds to 0.0%, not -0.0%', () => {
    expect(formatPercent(0.4213)).toBe('42.1%');
    expect(formatPercent(-0.00001)).toBe('0.0%');
    expect(formatPercent(1, 0)).toBe('100%');
  });

  it('formatDuration picks ms, s, min or h so that the number stays small', () => {
    expect(formatDuration(450)).toBe('450 ms');
    expect(formatDuration(12_500)).toBe('12.5 s');
    expect(formatDuration(480_000)).toBe('8.0 min');
    expect(formatDuration(5.5 * 3_600_000)).toBe('5.5 h');
  });

  it('formatCoord rounds to two decimals and prints -0 as 0', () => {
    expect(formatCoord(12.3456)).toBe('12.35');
    expect(formatCoord(-0.001)).toBe('0');
    expect(formatCoord(40)).toBe('40');
  });

  it('tickFormatter gives distinct labels to distinct nice ticks, for numbers and percentages', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 1e-4, max: 100, noNaN: true }),
        fc.integer({ min: 3, max: 8 }),
        fc.constantFrom('number' as const, 'percent' as const),
        (lo, span, count, kind) => {
          const ticks = niceTicks(lo, lo + span, count);
          const format = tickFormatter(kind, ticks);
          const labels = ticks.map(format);
          expect(new Set(labels).size).toBe(ticks.length);
        },
      ),
    );
  });

  it('tickFormatter uses no more decimals than the step needs: 0.2 steps print 0.0…1.0, 10% steps print 0%…50%', () => {
    const a = niceTicks(0, 1, 5);
    expect(a.map(tickFormatter('number', a))).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const b = niceTicks(0, 0.5, 5);
    expect(b.map(tickFormatter('percent', b))).toEqual(['0%', '10%', '20%', '30%', '40%', '50%']);
    expect([0.01, 1, 1000].map(tickFormatter('log', []))).toEqual(['0.01', '1', '1000']);
  });
});
