import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { renderReport } from '../../src/simulate/report/renderReport.js';
import { fabricateCalibration, fabricateComparison, fabricateSensitivity } from './fixtures.js';

interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly polylines: number;
  readonly emptyPolylines: number;
  readonly markers: number;
  readonly texts: number;
}

describe('renderReport in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-report-'));
  });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every chart with visible lines, markers and labels, the calibration table and the tornado charts, without console errors or network requests', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(
      file,
      renderReport({
        ...fabricateComparison(),
        calibration: fabricateCalibration().calibration,
        sensitivity: fabricateSensitivity(),
      }),
    );
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });

    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const lines = Array.from(svg.querySelectorAll('polyline'));
        return {
          width: box.width,
          height: box.height,
          polylines: lines.length,
          emptyPolylines: lines.filter((l) => {
            const b = l.getBBox();
            return l.points.numberOfItems < 2 || (b.width === 0 && b.height === 0);
          }).length,
          markers: svg.querySelectorAll(
            '.lines circle, .lines rect, .lines polygon, .point, .bars rect',
          ).length,
          texts: Array.from(svg.querySelectorAll('text')).filter((t) => t.getBBox().width > 0)
            .length,
        };
      }),
    );
    // Five figures for each of the two cohorts, and two tornado charts.
    expect(charts).toHaveLength(12);
    charts.forEach((c: ChartBox, i) => {
      expect(c.width, `chart ${i} width`).toBeGreaterThan(300);
      expect(c.height, `chart ${i} height`).toBeGreaterThan(150);
      expect(c.markers, `chart ${i} markers`).toBeGreaterThan(0);
      expect(c.texts, `chart ${i} labels`).toBeGreaterThan(10);
      expect(c.emptyPolylines, `chart ${i} empty polylines`).toBe(0);
    });
    // Line charts (harmful share, run lengths, wellbeing) draw one polyline per policy.
    expect(charts.filter((c) => c.polylines >= 4)).toHaveLength(6);

    const tables = await page.$$eval('table', (ts) =>
      ts.map((t) => t.getBoundingClientRect().height),
    );
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const h of tables) expect(h).toBeGreaterThan(100);

    // The calibration table: one visible row per target, the misses marked in red.
    const calibration = await page.$$eval('table.calibration tbody tr', (rows) =>
      rows.map((r) => ({
        height: r.getBoundingClientRect().height,
        verdict: r.querySelector('.verdict')?.textContent ?? '',
        color: getComputedStyle(r.querySelector('.verdict')!).color,
      })),
    );
    expect(calibration).toHaveLength(5);
    for (const row of calibration) expect(row.height).toBeGreaterThan(15);
    expect(calibration.map((r) => r.verdict)).toEqual([
      'within',
      'above',
      'below',
      'not reached',
      'within',
    ]);
    expect(calibration[1]!.color).toBe('rgb(176, 0, 32)');

    // Tornado bars have a width on the page.
    const bars = await page.$$eval('#sensitivity .bars rect', (rects) =>
      rects.map((r) => r.getBoundingClientRect().width),
    );
    expect(bars).toHaveLength(12);
    for (const w of bars) expect(w).toBeGreaterThan(0);

    const shot = await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    // A PNG starts with its 8-byte signature; a full page of charts is far larger than a blank one.
    expect(shot.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(shot.length).toBeGreaterThan(100_000);

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
