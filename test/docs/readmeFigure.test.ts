/**
 * The README's figure and caption show the run `npm start` makes (`DEFAULT_COMPARISON`): the SVG
 * is exactly what scripts/readme-figure.ts draws from that run, and every figure in the caption is
 * that run's, rounded as written.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPARISON } from '../../src/cli/defaultComparison.js';
import { compare, type ComparisonReport } from '../../src/simulate/index.js';
import { readmeFigure } from '../../scripts/readmeFigure.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const caption = /!\[[^\]]*\]\(docs\/report\.svg\)\n\n_([\s\S]*?)_\n/.exec(README)?.[1] ?? '';

let run: ComparisonReport;
beforeAll(async () => {
  run = await compare(DEFAULT_COMPARISON);
});

function atRisk(policy: string) {
  const report = run.reports.find((r) => r.policy === policy)!;
  return { cohort: report.cohorts['at-risk']!, series: report.series['at-risk']! };
}

/** The number written before `marker` (words, any whitespace between them) in the caption. */
function captionNumber(marker: string): number {
  const words = marker.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const match = new RegExp(`(\\d+(?:\\.\\d+)?)\\s+${words.join('\\s+')}`).exec(caption);
  if (match === null) throw new Error(`the caption has no number before "${marker}"`);
  return Number(match[1]);
}

describe("the README's figure", () => {
  it('is the figure scripts/readme-figure.ts draws from the run of npm start', () => {
    const file = readFileSync(new URL('../../docs/report.svg', import.meta.url), 'utf8');
    expect(file).toBe(readmeFigure(run));
  });

  it('has a caption naming the run of npm start', () => {
    const c = DEFAULT_COMPARISON;
    expect(caption).toContain(`${c.users} users, ${c.steps} requests each, seed ${c.seed}`);
  });

  it("states the off policy's harmful share over the last 20 requests as the run has it", () => {
    const { series } = atRisk('off');
    const steps = series.step;
    const from = steps.findIndex((s) => s > DEFAULT_COMPARISON.steps - 20);
    const tail = series.harmfulShare.slice(from);
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    expect(Math.round(mean * 100)).toBe(captionNumber('% over the last 20 requests'));
  });

  it("states protective's harmful share and relevance cost as the run has them", () => {
    const { cohort } = atRisk('protective');
    expect(Math.round(cohort.harmfulShare * 100)).toBe(captionNumber('% over the run'));
    expect(Math.round((1 - cohort.ndcgRetention) * 100)).toBe(captionNumber('% of NDCG@10'));
  });
});
