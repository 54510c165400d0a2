/**
 * Writes the figure the README shows: the harm-against-cost and harmful-share charts of the
 * default comparison (four presets on the `mixed` scenario, seed 1), as one standalone SVG.
 *
 *   node --import tsx scripts/readme-figure.ts   # writes docs/report.svg
 */
import { writeFileSync } from 'node:fs';
import { compare, renderReport } from '../src/simulate/index.js';

const comparison = await compare({
  scenario: 'mixed',
  policies: ['off', 'dispersion', 'balanced', 'protective'],
  seed: 1,
  users: 120,
  steps: 80,
});
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
const wanted = ['Harmful share over time', 'Harm against relevance cost'];
const picked = wanted.map((title) => {
  const section = sections.find((s) => s.startsWith(`${title}</h2>`));
  const svg = section === undefined ? null : /<svg[\s\S]*?<\/svg>/.exec(section);
  if (svg === null || svg === undefined)
    throw new Error(`the report has no figure titled ${title}`);
  return svg[0];
});
const width = 480;
const height = 320;
const body = picked
  .map((svg, i) =>
    svg
      .replace(/^<svg[^>]*>/, `<g transform="translate(${i * width} 24)" class="chart">`)
      .replace(/<\/svg>$/, '</g>'),
  )
  .join('\n');
const titles = wanted
  .map((t, i) => `<text x="${i * width + 12}" y="16" class="title">${t} (at-risk cohort)</text>`)
  .join('');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${2 * width} ${height + 24}" width="${2 * width}" height="${height + 24}" role="img">
<style>
.title { font: 600 13px system-ui, sans-serif; fill: #1f1f1f; }
${chartRules}
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
${titles}
${body}
</svg>
`;
writeFileSync('docs/report.svg', svg);
console.log('wrote docs/report.svg');
