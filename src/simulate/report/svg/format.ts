/**
 * Text and number formatting shared by the SVG charts, the HTML page and the plain-text table.
 * Everything here is locale-independent (no `toLocaleString`, no `Intl`) so that a report renders
 * to the same bytes on every machine.
 */

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for use in XML/HTML element content and in double- or single-quoted attributes.
 * Scenario and policy names come from the user, so every piece of text goes through here.
 *
 * @internal
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

/**
 * A coordinate for an SVG attribute: two decimals, trailing zeros dropped, never `-0`. Two
 * decimals are far below a pixel yet keep the file small and the output stable.
 *
 * @internal
 */
export function formatCoord(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** The typographic minus sign: a hyphen reads as a dash in tables and tick labels. */
const MINUS = '\u2212';

/**
 * A number with exactly `digits` decimals (fixed, so that a column of figures lines up), a
 * typographic minus sign, and no `-0`; `—` for a missing or non-finite value, so that a metric a
 * run could not measure shows as absent rather than as zero.
 *
 * @internal
 */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return withMinus(value.toFixed(digits));
}

/**
 * A number with at most `digits` decimals and trailing zeros dropped (`0.5`, `20`), for values
 * that are round by construction such as log-axis ticks; `—` when missing.
 *
 * @internal
 */
export function formatTrimmed(value: number | null | undefined, digits = 6): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const fixed = value.toFixed(digits);
  return withMinus(fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed);
}

/**
 * A share in [0, 1] as a percentage with `digits` decimals (`0.4213` → `42.1%`); `—` when missing.
 *
 * @internal
 */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${withMinus((value * 100).toFixed(digits))}%`;
}

/**
 * A whole number with thousands separated by commas (`12,000`), written out by hand because
 * `toLocaleString` depends on the machine's locale; `—` when missing.
 *
 * @internal
 */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = Math.abs(Math.round(value)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 && grouped !== '0' ? `${MINUS}${grouped}` : grouped;
}

/**
 * A duration in milliseconds in the largest unit that keeps it readable (`450 ms`, `12.5 s`,
 * `8.2 min`, `3.1 h`); `—` when missing.
 *
 * @internal
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${formatNumber(ms, 0)} ms`;
  if (abs < 60_000) return `${formatNumber(ms / 1000, 1)} s`;
  if (abs < 3_600_000) return `${formatNumber(ms / 60_000, 1)} min`;
  return `${formatNumber(ms / 3_600_000, 1)} h`;
}

/** Replaces the leading hyphen with a minus sign, and drops it from a rounded zero (`-0.0`). */
function withMinus(fixed: string): string {
  if (!fixed.startsWith('-')) return fixed;
  return /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : MINUS + fixed.slice(1);
}
