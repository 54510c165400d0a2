import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { renderLineChart } from '../../src/simulate/report/charts/lineChart.js';
import { renderScatterChart } from '../../src/simulate/report/charts/scatterChart.js';
import { runsAtLeast } from '../../src/simulate/report/figures/runLengthFigure.js';
import { renderReport } from '../../src/simulate/report/renderReport.js';
import { assignStyles } from '../../src/simulate/report/svg/palette.js';
import { fabricateComparison, fabricateReport } from './fixtures.js';

/** The HTML of one `<section id=…>` of the page. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** The `points` attribute of each polyline, as [x, y] pairs. */
function polylinePoints(svg: string): [number, number][][] {
  return [...svg.matchAll(/<polyline[^>]* points="([^"]*)"/g)].map((m) =>
    m[1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number]),
  );
}

describe('renderReport', () => {
  const comparison = fabricateComparison();

  it('renderReport(comparison) is deterministic, also after a JSON round trip (metrics.json)', () => {
    const html = renderReport(comparison);
    expect(renderReport(comparison)).toBe(html);
    expect(renderReport(JSON.parse(JSON.stringify(comparison)) as typeof comparison)).toBe(html);
  });

  it('renderReport(comparison) states the seed, scenario, sizes and policies in the header', () => {
    const html = renderReport(fabricateComparison({ seed: 42, scenario: 'rabbit-hole' }));
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    expect(header).toContain('<dt>Seed</dt><dd>42</dd>');
    expect(header).toContain('<dt>Scenario</dt><dd>rabbit-hole</dd>');
    expect(header).toContain('<dt>Users</dt><dd>100</dd>');
    expect(header).toContain('<dt>Feed requests per user</dt><dd>200</dd>');
    expect(header).toContain('<dd>off, dispersion, balanced, protective</dd>');
    expect(header).toContain('1000 resamples');
  });

  it('renderReport(comparison) draws every chart once per cohort, with one line per policy over time', () => {
    const html = renderReport(comparison);
    for (const id of ['harmful-share', 'run-lengths', 'harm-cost', 'wellbeing']) {
      expect(count(section(html, id), '<svg '), id).toBe(2);
    }
    // Four policies × two cohorts; no gaps in the fabricated series.
    expect(count(section(html, 'harmful-share'), '<polyline')).toBe(8);
    expect(count(section(html, 'wellbeing'), '<polyline')).toBe(8);
    for (const line of polylinePoints(section(html, 'harmful-share')))
      expect(line).toHaveLength(20);
  });

  it('renderReport(comparison) draws a higher harmful share higher on the chart, bucket by bucket', () => {
    const svg = section(renderReport(comparison), 'harmful-share');
    const atRisk = svg.slice(0, svg.indexOf('</svg>'));
    const lines = polylinePoints(atRisk);
    const shares = comparison.reports.map((r) => r.series['at-risk']!.harmfulShare);
    for (let b = 0; b < 20; b++) {
      for (let i = 0; i < lines.length; i++) {
        for (let j = 0; j < lines.length; j++) {
          if (shares[i]![b]! > shares[j]![b]! + 1e-3) {
            expect(lines[i]![b]![1]).toBeLessThan(lines[j]![b]![1]);
          }
        }
      }
    }
  });

  it('renderReport(comparison) puts 95% whiskers on every policy but off in the harm–cost chart', () => {
    const harmCost = section(renderReport(comparison), 'harm-cost');
    // Three policies other than off, two axes each, two cohorts.
    expect(count(harmCost, 'class="whisker"')).toBe(12);
    expect(count(harmCost, '<g class="point">')).toBe(8);
  });

  it('renderReport(report) of a single simulation has no whiskers and no differences section', () => {
    const html = renderReport(fabricateReport('balanced'));
    expect(html).not.toContain('class="whisker"');
    expect(html).not.toContain('id="differences"');
    expect(count(section(html, 'harmful-share'), '<polyline')).toBe(2);
  });

  it('renderReport omits a cohort the scenario does not have', () => {
    const html = renderReport(fabricateComparison({ cohorts: ['at-risk'] }));
    expect(count(html, '<svg ')).toBe(5);
    expect(html).not.toContain('control cohort');
  });

  it('renderReport is self-contained: no scripts, links, imports or URLs other than the SVG namespace', () => {
    const html = renderReport(comparison);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'`,
    );
    for (const banned of [
      '<script',
      '<link',
      '@import',
      'url(',
      ' src=',
      ' href=',
      '<img',
      '<iframe',
    ]) {
      expect(html).not.toContain(banned);
    }
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('renderReport escapes hostile policy and scenario names everywhere they appear', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderReport(
      fabricateComparison({ policies: ['off', evil], scenario: `"><img src=x onerror=alert(1)>` }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renderReport(not a report) throws RebalanceError code argument with the JSON path', () => {
    const cases: [unknown, string][] = [
      [null, ''],
      [{ reports: [] }, 'reports'],
      [{ reports: [{ policy: 'off', series: {}, runLengths: {} }] }, 'reports[0].cohorts'],
      [{ ...fabricateReport('off'), policy: 3 }, 'policy'],
    ];
    for (const [input, path] of cases) {
      try {
        renderReport(input as never);
        expect.unreachable(`renderReport accepted ${JSON.stringify(input)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(RebalanceError);
        expect((error as RebalanceError).code).toBe('argument');
        expect((error as RebalanceError).path).toBe(path);
        expect((error as RebalanceError).message).toMatch(/^renderReport: /);
      }
    }
  });
});

describe('report charts', () => {
  it('renderLineChart keeps the order of the data: larger x further right, larger y higher', () => {
    const series = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), {
      minLength: 2,
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.array(series, { minLength: 1, maxLength: 4 }), (ysList) => {
        const styles = assignStyles(ysList.map((_, i) => `p${i}`));
        const svg = renderLineChart({
          title: 't',
          description: 'd',
          xTitle: 'x',
          yTitle: 'y',
          xFormat: 'number',
          yFormat: 'number',
          series: ysList.map((ys, i) => ({
            label: `p${i}`,
            style: styles.get(`p${i}`)!,
            xs: ys.map((_, k) => k * 3),
            ys,
          })),
        });
        const lines = polylinePoints(svg);
        expect(lines).toHaveLength(ysList.length);
        const all = ysList.flat();
        const pixels = lines.flat();
        for (let a = 0; a < all.length; a++) {
          for (let b = 0; b < all.length; b++) {
            // A 0.01 px coordinate rounding can only tie values closer than this.
            if (all[a]! > all[b]! + 0.5) expect(pixels[a]![1]).toBeLessThan(pixels[b]![1]);
          }
        }
        for (const line of lines) {
          for (let k = 1; k < line.length; k++)
            expect(line[k]![0]).toBeGreaterThan(line[k - 1]![0]);
        }
      }),
    );
  });

  it('renderLineChart breaks a line at a missing value rather than bridging the gap', () => {
    const style = assignStyles(['off']).get('off')!;
    const svg = renderLineChart({
      title: 't',
      description: 'd',
      xTitle: 'x',
      yTitle: 'y',
      xFormat: 'number',
      yFormat: 'number',
      series: [{ label: 'off', style, xs: [1, 2, 3, 4, 5], ys: [1, 2, NaN, 4, 5] }],
    });
    expect(polylinePoints(svg).map((l) => l.length)).toEqual([2, 2]);
  });

  it('runsAtLeast(histogram, impressions) matches counting runs ≥ L one by one, per 1,000 impressions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 100_000 }),
        (counts, impressions) => {
          // Brute force: list every run with its length (the open bin at its lower bound).
          const runs: number[] = [];
          counts.forEach((c, i) => {
            for (let k = 0; k < c; k++) runs.push(i + 1);
          });
          const { xs, ys } = runsAtLeast({ counts, openFrom: counts.length }, impressions);
          expect(xs).toEqual(counts.map((_, i) => i + 1));
          for (let L = 1; L <= counts.length; L++) {
            const expected = (runs.filter((r) => r >= L).length * 1000) / impressions;
            if (expected === 0) expect(ys[L - 1]).toBeNaN();
            else expect(ys[L - 1]).toBeCloseTo(expected, 9);
          }
        },
      ),
    );
  });

  it('renderScatterChart gives points drawn on the same spot one label naming them all', () => {
    const styles = assignStyles(['off', 'dispersion', 'protective']);
    const point = (label: string, x: number, y: number) => ({
      label,
      style: styles.get(label)!,
      x,
      y,
    });
    const svg = renderScatterChart({
      title: 't',
      description: 'd',
      xTitle: 'x',
      yTitle: 'y',
      xFormat: 'percent',
      yFormat: 'percent',
      points: [
        point('off', 0, 0.02),
        point('dispersion', 0, 0.02),
        point('protective', 0.004, 0.01),
      ],
      xInclude: [0, 0.01],
    });
    const labels = [...svg.matchAll(/<g class="point-labels">(.*?)<\/g>/g)][0]![1]!;
    expect([...labels.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1])).toEqual([
      'off, dispersion',
      'protective',
    ]);
    // xInclude stretches the axis to 1% although no point passes 0.4%.
    expect(svg).toContain('>1.0%</text>');
  });

  it('assignStyles gives presets fixed styles and other names distinct ones', () => {
    const a = assignStyles(['protective', 'off']);
    const b = assignStyles(['off', 'mine.json', 'protective', 'theirs.json']);
    expect(a.get('protective')).toEqual(b.get('protective'));
    expect(a.get('off')).toEqual(b.get('off'));
    const colors = new Set([...b.values()].map((s) => s.color));
    expect(colors.size).toBe(4);
  });
});
