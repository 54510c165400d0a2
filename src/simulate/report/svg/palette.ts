/**
 * Colours and dash patterns for the policies in a report.
 *
 * The colours are from Okabe & Ito's colour-universal-design palette ("Color Universal Design",
 * 2008), chosen to stay distinct for the common forms of colour-vision deficiency. Yellow is left
 * out: it is unreadable as a thin line on white. Each policy also gets its own dash pattern, so
 * the charts still read when printed in grey.
 */

/** How one policy is drawn. @internal */
export interface SeriesStyle {
  /** Stroke and fill colour, `#rrggbb`. */
  readonly color: string;
  /** SVG `stroke-dasharray`, or `''` for a solid line. */
  readonly dash: string;
  /** Marker shape for points. */
  readonly marker: 'circle' | 'square' | 'diamond' | 'triangle';
}

/** The baseline is grey and solid: the thing every other line is compared with. */
const PRESET_STYLES: ReadonlyMap<string, SeriesStyle> = new Map([
  ['off', { color: '#5f5f5f', dash: '', marker: 'circle' }],
  ['dispersion', { color: '#E69F00', dash: '7 4', marker: 'square' }],
  ['balanced', { color: '#0072B2', dash: '2 3', marker: 'diamond' }],
  ['protective', { color: '#009E73', dash: '10 3 2 3', marker: 'triangle' }],
]);

/** For policies that are not presets (JSON files, objects), in order of appearance. */
const OTHER_STYLES: readonly SeriesStyle[] = [
  { color: '#CC79A7', dash: '', marker: 'circle' },
  { color: '#D55E00', dash: '7 4', marker: 'square' },
  { color: '#56B4E9', dash: '2 3', marker: 'diamond' },
  { color: '#000000', dash: '10 3 2 3', marker: 'triangle' },
];

/**
 * One style per name, in the given order: presets keep their own style in every report, so a
 * reader who learned "green is protective" can rely on it; other names take the remaining styles
 * in turn.
 *
 * @internal
 */
export function assignStyles(names: readonly string[]): Map<string, SeriesStyle> {
  const styles = new Map<string, SeriesStyle>();
  let next = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (styles.has(name)) continue;
    const preset = PRESET_STYLES.get(name);
    if (preset !== undefined) {
      styles.set(name, preset);
      continue;
    }
    styles.set(name, OTHER_STYLES[next % OTHER_STYLES.length]!);
    next++;
  }
  return styles;
}
