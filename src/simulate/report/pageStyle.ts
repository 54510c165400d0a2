import { escapeXml } from './svg/format.js';

/**
 * The report's stylesheet, inlined into the page so that the report is one self-contained file.
 * The font stack names only fonts already on the reader's system: a report must not fetch
 * anything, and the charts are sized for these metrics.
 *
 * @internal
 */
export const PAGE_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fafafa; color: #1f1f1f;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 4px; border-bottom: 1px solid #d8d8d8; padding-bottom: 4px; }
p { margin: 6px 0; max-width: 72ch; }
.meta { color: #4a4a4a; }
dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.run dt { font-weight: 600; }
dl.run dd { margin: 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(400px, 1fr)); gap: 16px; }
figure { margin: 8px 0; background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; padding: 8px; }
figcaption { font-size: 0.85rem; color: #4a4a4a; padding: 4px 4px 0; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; fill: #333; }
svg.chart .axis-title { font-weight: 600; fill: #1f1f1f; }
svg.chart .grid line { stroke: #e6e6e6; stroke-width: 1; }
svg.chart .axis line { stroke: #555; stroke-width: 1; }
svg.chart .point-labels text { font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.tables { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
table { border-collapse: collapse; background: #fff; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 4px 8px; border-bottom: 1px solid #ececec; }
thead th { border-bottom: 2px solid #bdbdbd; text-align: right; }
thead th:first-child, tbody th { text-align: left; font-weight: 500; }
td { text-align: right; white-space: nowrap; }
thead th[scope="colgroup"] { text-align: center; border-bottom: 1px solid #bdbdbd; }
.group-start { border-left: 2px solid #d0d0d0; }
td.text { text-align: left; white-space: normal; max-width: 36ch; }
.protocol { color: #4a4a4a; font-size: 0.8rem; }
td.outside, td.verdict.outside { color: #b00020; font-weight: 600; }
td.verdict.within { color: #00684a; }
svg.chart .bars text.flag { font-weight: 600; fill: #b00020; }
footer { margin-top: 40px; font-size: 0.85rem; color: #555; }
`;

/**
 * The opening of a report page up to `<main>`: a self-contained document whose content security
 * policy allows nothing but its own inline style, so a report opened from disk fetches nothing
 * and runs nothing.
 *
 * @param title - the page title, escaped here
 * @internal
 */
export function pageOpening(title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeXml(title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head><body><main>',
  ].join('\n');
}
