/**
 * The rectangle inside a chart where data is drawn, and how it is carved out of the whole chart.
 */

/**
 * The plot area of a chart in SVG user units: axes, ticks and titles go outside it.
 *
 * @internal
 */
export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Margins around the plot area: room for tick labels (left, bottom), axis titles and the legend.
 *
 * @internal
 */
export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/**
 * The plot area left inside a `width` × `height` chart once the margins are taken.
 *
 * @internal
 */
export function plotArea(width: number, height: number, margins: Margins): PlotArea {
  return {
    left: margins.left,
    top: margins.top,
    width: Math.max(1, width - margins.left - margins.right),
    height: Math.max(1, height - margins.top - margins.bottom),
  };
}
