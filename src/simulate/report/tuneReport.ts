import type { EvaluationRecord, MeasuredMetric, TuneResult } from '../tune/tuneTypes.js';
import type { ComparedMetric } from '../types.js';
import { renderScatterChart, type ScatterPoint } from './charts/scatterChart.js';
import { METRICS } from './metricCatalog.js';
import { pageOpening } from './pageStyle.js';
import { renderTextTable } from './textTable.js';
import { escapeXml, formatNumber, formatPercent } from './svg/format.js';
import { assignStyles } from './svg/palette.js';

/** Front points and the chosen one keep these styles in every chart of the page. */
const STYLES = assignStyles(['front', 'chosen']);

/**
 * Renders a tuning as one self-contained HTML page in the simulation report's style: the run,
 * the objective and constraints, one chart per constraint of the Pareto front (the constraint's
 * metric across, the objective up, 95% whiskers on both), the front as a table with each point's
 * settings, and the chosen policy. The same result always renders to the same string.
 *
 * @internal
 */
export function renderTuneReport(result: TuneResult): string {
  const title = `feed-rebalancer tuning: ${result.scenario}, seed ${result.seed}`;
  const rows: [string, string][] = [
    ['Scenario', result.scenario],
    ['Seed', String(result.seed)],
    ['Users', String(result.users)],
    ['Feed requests per user', String(result.steps)],
    ['Budget (candidate policies)', String(result.budget)],
    ['Restarts', String(result.restarts)],
    ['Objective', result.objective.text],
    ['Constraints', result.constraints.map((c) => c.text).join('; ') || 'none'],
    [
      'Evaluated',
      `${result.records.length}, ${result.records.filter((r) => r.feasible).length} feasible`,
    ],
    ['Intervals', result.intervals],
  ];
  const dl = rows.map(([k, v]) => `<dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd>`).join('');
  const chosen = result.chosen;
  return [
    pageOpening(title),
    `<header><h1>Policy tuning: ${escapeXml(result.scenario)}</h1>`,
    '<p class="meta">Synthetic users from a seeded simulation; every candidate ran on the same users and seed as off. The same options reproduce every figure on this page.</p>',
    `<dl class="run">${dl}</dl></header>`,
    frontSection(result),
    '<section id="chosen"><h2>Chosen policy</h2>',
    chosen === null
      ? '<p>No candidate met every constraint: widen the budget or loosen a constraint.</p>'
      : `<p>Record #${chosen.record}: the best objective among the candidates that met every constraint.</p><pre>${escapeXml(JSON.stringify(chosen.policy, null, 2))}</pre>`,
    '</section>',
    '</main></body></html>',
    '',
  ].join('\n');
}

function frontSection(result: TuneResult): string {
  const charts = result.constraints.map((c, k) => {
    const points: ScatterPoint[] = result.front.map((i) => {
      const r = result.records[i]!;
      return point(r, i, r.constraints[k]!, i === result.chosen?.record);
    });
    const svg = renderScatterChart({
      title: `${result.objective.text} against ${c.text}`,
      description: `Pareto front: ${c.cohort} ${c.metric} across, ${result.objective.cohort} ${result.objective.metric} up, one point per candidate on the front, with 95% whiskers.`,
      xTitle: `${c.cohort} ${c.metric}`,
      yTitle: `${result.objective.cohort} ${result.objective.metric}`,
      xFormat: isShare(c.metric) ? 'percent' : 'number',
      yFormat: isShare(result.objective.metric) ? 'percent' : 'number',
      points,
      fromZero: false,
    });
    return `<figure>${svg}<figcaption>${escapeXml(`Feasible side: ${c.metric} ${c.relation} ${c.bound}. Points are labelled by record number.`)}</figcaption></figure>`;
  });
  const head = ['#', 'feasible', result.objective.text, ...result.constraints.map((c) => c.text)];
  const names = result.space.map((d) => d.name);
  const body = result.front
    .map((i) => {
      const r = result.records[i]!;
      const cells = [
        `#${i}${i === result.chosen?.record ? ' (chosen)' : ''}`,
        r.feasible ? 'yes' : 'no',
        cell(result.objective.metric, r.objective),
        ...r.constraints.map((m, k) => cell(result.constraints[k]!.metric, m)),
        ...names.map((n) => String(r.settings[n])),
      ];
      return `<tr>${cells.map((c, j) => (j === 0 ? `<th scope="row">${escapeXml(c)}</th>` : `<td>${escapeXml(c)}</td>`)).join('')}</tr>`;
    })
    .join('');
  const header = [...head, ...names].map((h) => `<th scope="col">${escapeXml(h)}</th>`).join('');
  return (
    '<section id="front"><h2>Pareto front</h2>' +
    '<p>The candidates no other candidate beats on the objective and every constraint metric at once. Whiskers and brackets: the 95% paired-bootstrap interval of the difference from off, placed around the candidate’s value.</p>' +
    (charts.length > 0 ? `<div class="figures">${charts.join('')}</div>` : '') +
    `<div class="tables" style="overflow-x: auto"><table><caption>Front (${result.front.length} of ${result.records.length} candidates)</caption><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table></div></section>`
  );
}

function point(r: EvaluationRecord, i: number, x: MeasuredMetric, chosen: boolean): ScatterPoint {
  const y = r.objective;
  return {
    label: `#${i}`,
    style: STYLES.get(chosen ? 'chosen' : 'front')!,
    x: x.value ?? Number.NaN,
    y: y.value ?? Number.NaN,
    ...(x.low === null || x.high === null ? {} : { x95: [x.low, x.high] as const }),
    ...(y.low === null || y.high === null ? {} : { y95: [y.low, y.high] as const }),
  };
}

function isShare(metric: ComparedMetric): boolean {
  return METRICS.find((m) => m.key === metric)?.unit === 'share';
}

function cell(metric: ComparedMetric, m: MeasuredMetric): string {
  const f = (v: number | null) => (isShare(metric) ? formatPercent(v, 2) : formatNumber(v, 3));
  return m.low === null ? f(m.value) : `${f(m.value)} [${f(m.low)}, ${f(m.high)}]`;
}

/**
 * The plain-text summary of a tuning for the terminal: the front with intervals, then the
 * chosen record.
 *
 * @internal
 */
export function tuneSummary(result: TuneResult): string {
  const columns = [
    { header: '#', align: 'right' as const },
    { header: 'feasible', align: 'left' as const },
    { header: result.objective.text, align: 'right' as const },
    ...result.constraints.map((c) => ({ header: c.text, align: 'right' as const })),
  ];
  const rows = result.front.map((i) => {
    const r = result.records[i]!;
    return [
      String(i),
      r.feasible ? 'yes' : 'no',
      cell(result.objective.metric, r.objective),
      ...r.constraints.map((m, k) => cell(result.constraints[k]!.metric, m)),
    ];
  });
  const head = `Tuning ${result.scenario}, seed ${result.seed}: ${result.records.length} candidates, ${result.records.filter((r) => r.feasible).length} feasible; Pareto front:\n`;
  const tail =
    result.chosen === null
      ? 'No candidate met every constraint.\n'
      : `Chosen: #${result.chosen.record} (best objective among the feasible).\n`;
  return head + renderTextTable(columns, rows) + tail;
}
