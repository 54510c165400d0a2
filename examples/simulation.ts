/**
 * Simulation: compare two policies on the seeded `rabbit-hole` scenario and write the report.
 * Run with `node --import tsx examples/simulation.ts`; it writes out/example-report.html.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { compare, renderReport, summaryTable } from '../src/simulate/index.js';

const comparison = await compare({
  scenario: 'rabbit-hole',
  policies: ['off', 'protective'],
  seed: 7,
  users: 40,
  steps: 60,
});
console.log(summaryTable(comparison));
mkdirSync('out', { recursive: true });
writeFileSync('out/example-report.html', renderReport(comparison));
