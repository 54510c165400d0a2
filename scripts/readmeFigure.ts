/**
 * Builds the figure the README shows from a comparison (readme-figure.ts writes it to
 * docs/report.svg; test/docs/readmeFigure.test.ts checks it).
 */
import { renderReport, type ComparisonReport } from '../src/simulate/index.js';

const WIDTH = 480;
const HEIGHT = 320;
const WANTED = ['Harmful share over time', 'Harm against relevance cost'];

/**
 * The README's figure for a comparison: its harmful-share and harm-against-cost charts of the
 * at-risk cohort side by side, as one standalone SVG.
 */
export function readmeFigure(comparison: ComparisonReport): string {
  const html = renderReport(comparison);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  // The chart rules of the page, scoped to the standalone figure.
  const chartRules = style
    .split('\n')
    .filter((line) => line.startsWith('svg.chart'))
    .map((line) => line.replace(/^svg\.chart /, '.chart '))
    .join('\n');
  // Each section starts at an <h2>; take the first chart of the wanted sections.
  const sections = html.split('<h2>').slice(1);
  const picked = WANTED.map((title) => {
    const section = sections.find((s) => s.startsWith(`${title}</h2>`));
    const svg = section === undefined ? null : /<svg[\s\S]*?<\/svg>/.exec(section);
    if (svg === null || svg === undefined)
      throw new Error(`the report has no figure titled ${title}`);
    return svg[0];
  });
  const body = picked
    .map((svg, i) =>
      svg
        .replace(/^<svg[^>]*>/, `<g transform="translate(${i * WIDTH} 24)" class="chart">`)
        .replace(/<\/svg>$/, '</g>'),
    )
    .join('\n');
  const titles = WANTED.map(
    (t, i) => `<text x="${i * WIDTH + 12}" y="16" class="title">${t} (at-risk cohort)</text>`,
  ).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${2 * WIDTH} ${HEIGHT + 24}" width="${2 * WIDTH}" height="${HEIGHT + 24}" role="img">
<style>
.title { font: 600 13px system-ui, sans-serif; fill: #1f1f1f; }
${chartRules}
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
${titles}
${body}
</svg>
`;
}
