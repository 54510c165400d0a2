/**
 * Writes the figure the README shows: the harm-against-cost and harmful-share charts of the
 * default comparison — exactly the run of `npm start` (`DEFAULT_COMPARISON`) — as one standalone
 * SVG. test/docs/readmeFigure.test.ts checks the figure and the README's caption against the
 * same run.
 *
 *   node --import tsx scripts/readme-figure.ts   # writes docs/report.svg
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_COMPARISON } from '../src/cli/defaultComparison.js';
import { compare } from '../src/simulate/index.js';
import { readmeFigure } from './readmeFigure.js';

writeFileSync('docs/report.svg', readmeFigure(await compare(DEFAULT_COMPARISON)));
console.log('wrote docs/report.svg');
