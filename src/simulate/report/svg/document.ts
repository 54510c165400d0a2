import { escapeXml } from './format.js';

/**
 * Wraps chart content in a standalone `<svg>` element with an accessible name: the `<title>` is
 * what a screen reader announces, the `<desc>` says what the chart shows in words. A `viewBox`
 * with a fixed width lets the page scale the chart down on narrow screens.
 *
 * @internal
 */
export function svgDocument(
  width: number,
  height: number,
  title: string,
  description: string,
  body: string,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">` +
    `<title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>${body}</svg>`
  );
}
