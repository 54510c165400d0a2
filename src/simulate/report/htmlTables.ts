import type { CohortName } from '../types.js';
import { formatDifference, formatMetric, METRICS } from './metricCatalog.js';
import type { ReportView } from './viewShape.js';
import { escapeXml } from './svg/format.js';

/**
 * The summary table as HTML: one row per metric, one column per policy, grouped by cohort under
 * a spanning header. Metrics run down the page because there are many of them and few
 * policies, and a reader compares policies along a row.
 *
 * @internal
 */
export function renderMetricsTable(view: ReportView): string {
  const groups = view.cohorts.map((cohort) => ({
    cohort,
    reports: view.reports.filter((r) => r.cohorts[cohort] !== undefined),
  }));
  const top = groups
    .map(
      (g) =>
        `<th scope="colgroup" colspan="${g.reports.length}">${escapeXml(g.cohort)} cohort</th>`,
    )
    .join('');
  const second = groups
    .map((g) =>
      g.reports
        .map(
          (r, i) =>
            `<th scope="col"${i === 0 ? ' class="group-start"' : ''}>${escapeXml(r.policy)}</th>`,
        )
        .join(''),
    )
    .join('');
  const rows = METRICS.map((info) => {
    const cells = groups
      .map((g) =>
        g.reports
          .map((r, i) => {
            const text = escapeXml(formatMetric(info, r.cohorts[g.cohort]?.[info.key]));
            return `<td${i === 0 ? ' class="group-start"' : ''}>${text}</td>`;
          })
          .join(''),
      )
      .join('');
    return `<tr><th scope="row">${escapeXml(info.label)}</th>${cells}</tr>`;
  }).join('');
  return (
    '<table class="metrics"><thead>' +
    `<tr><td></td>${top}</tr><tr><th scope="col">Metric</th>${second}</tr>` +
    `</thead><tbody>${rows}</tbody></table>`
  );
}

/**
 * The paired differences of one cohort as HTML: one row per metric, one column per policy other
 * than `off`, each cell the difference from `off` with its 95% bootstrap interval. Returns `''`
 * when the report has no differences for the cohort.
 *
 * @internal
 */
export function renderDifferencesTable(view: ReportView, cohort: CohortName): string {
  const entries = view.reports
    .map((r) => ({ policy: r.policy, d: view.differences.get(r.policy)?.cohorts[cohort] }))
    .filter((e) => e.d !== undefined);
  if (entries.length === 0) return '';
  const head = entries.map((e) => `<th scope="col">${escapeXml(e.policy)}</th>`).join('');
  const rows: string[] = [];
  for (const info of METRICS) {
    if (info.key === 'users' || info.key === 'impressions') continue;
    const key = info.key;
    const cells = entries
      .map((e) => `<td>${escapeXml(formatDifference(info, e.d?.[key]))}</td>`)
      .join('');
    rows.push(`<tr><th scope="row">${escapeXml(info.label)}</th>${cells}</tr>`);
  }
  return (
    `<table class="differences" data-cohort="${escapeXml(cohort)}"><caption>${escapeXml(cohort)} cohort: policy minus off</caption>` +
    `<thead><tr><th scope="col">Metric</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}
