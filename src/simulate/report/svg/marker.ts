import { formatCoord } from './format.js';
import type { SeriesStyle } from './palette.js';

/**
 * Draws a point marker of the style's shape centred on (x, y), `size` units across. Shapes differ
 * per policy so that points stay distinguishable without colour.
 *
 * @internal
 */
export function renderMarker(x: number, y: number, style: SeriesStyle, size: number): string {
  const r = size / 2;
  const fill = `fill="${style.color}" stroke="#ffffff" stroke-width="1"`;
  switch (style.marker) {
    case 'circle':
      return `<circle cx="${formatCoord(x)}" cy="${formatCoord(y)}" r="${formatCoord(r)}" ${fill}/>`;
    case 'square':
      return `<rect x="${formatCoord(x - r * 0.9)}" y="${formatCoord(y - r * 0.9)}" width="${formatCoord(r * 1.8)}" height="${formatCoord(r * 1.8)}" ${fill}/>`;
    case 'diamond':
      return polygon(
        [
          [x, y - r * 1.2],
          [x + r * 1.2, y],
          [x, y + r * 1.2],
          [x - r * 1.2, y],
        ],
        fill,
      );
    case 'triangle':
      return polygon(
        [
          [x, y - r * 1.2],
          [x + r * 1.1, y + r * 0.8],
          [x - r * 1.1, y + r * 0.8],
        ],
        fill,
      );
  }
}

function polygon(points: readonly (readonly [number, number])[], attributes: string): string {
  const text = points.map(([px, py]) => `${formatCoord(px)},${formatCoord(py)}`).join(' ');
  return `<polygon points="${text}" ${attributes}/>`;
}
