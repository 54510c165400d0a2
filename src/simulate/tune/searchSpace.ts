import type { PolicyInput } from '../../index.js';
import type { SearchDimension } from './tuneTypes.js';

/**
 * The tuner's search space: seven grid dimensions mapped onto a policy shaped like the
 * `balanced` preset (a Bernoulli CUSUM detector; a cap at `elevated`; a tighter cap and recovery
 * items at `sustained`). Every point maps to a policy that passes validation: p1 stays above
 * p0 = 0.05, thresholds stay positive, caps keep `count ≤ window`, `recoveryEvery ≥ 2`.
 *
 * @internal
 */
export const SEARCH_SPACE: readonly SearchDimension[] = [
  { name: 'h', low: 1, high: 6, step: 0.05, description: 'CUSUM alarm threshold h' },
  {
    name: 'p1',
    low: 0.1,
    high: 0.5,
    step: 0.01,
    description: 'CUSUM out-of-control rate p1 (p0 = 0.05)',
  },
  {
    name: 'hold',
    low: 0,
    high: 30,
    step: 1,
    description: 'impressions a level is held on the way down',
  },
  {
    name: 'groupThreshold',
    low: 0.5,
    high: 1.5,
    step: 0.05,
    description: 'self-harm and suicide thresholds as a multiple of h (per-group detectors)',
  },
  {
    name: 'elevatedWindow',
    low: 2,
    high: 16,
    step: 1,
    description: 'elevated: at most 2 triggering items in any window of this many slots',
  },
  {
    name: 'sustainedWindow',
    low: 1,
    high: 12,
    step: 1,
    description: 'sustained: at most 1 triggering item in any window of this many slots',
  },
  {
    name: 'recoveryEvery',
    low: 2,
    high: 12,
    step: 1,
    description: 'sustained: one recovery item in every this many slots',
  },
];

/** Groups whose detector threshold `groupThreshold` scales. */
const SCALED_GROUPS: readonly string[] = ['self-harm', 'suicide'];
/** Fixed parts of every candidate, as in `balanced`. */
const P0 = 0.05;
const RECOVERY = { cooldown: 50, maxShare: 0.25 } as const;

/**
 * The number of grid points along a dimension.
 *
 * @internal
 */
export function gridSize(d: SearchDimension): number {
  return Math.round((d.high - d.low) / d.step) + 1;
}

/**
 * The grid cell a unit coordinate falls in, from 0.
 *
 * @internal
 */
function cellOf(d: SearchDimension, u: number): number {
  const n = gridSize(d);
  return Math.min(n - 1, Math.max(0, Math.floor(u * n)));
}

/**
 * Moves a point of the unit cube to the centre of its grid cell, the representative the
 * surrogate sees: points in one cell map to the same policy.
 *
 * @internal
 */
export function snapToGrid(x: readonly number[]): number[] {
  return SEARCH_SPACE.map((d, i) => (cellOf(d, x[i]!) + 0.5) / gridSize(d));
}

/**
 * The value of each dimension at a point of the unit cube, by name, rounded to its grid.
 *
 * @internal
 */
export function settingsAt(x: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  SEARCH_SPACE.forEach((d, i) => {
    // Rounded to the step's decimals, so that 0.1 + 3 × 0.01 prints as 0.13.
    out[d.name] = round(d.low + cellOf(d, x[i]!) * d.step, 4);
  });
  return out;
}

/**
 * The policy at a point of the unit cube.
 *
 * @internal
 */
export function policyAt(x: readonly number[]): PolicyInput {
  const s = settingsAt(x);
  const detection = { kind: 'cusum', p0: P0, p1: s['p1']!, h: s['h']!, hold: s['hold']! } as const;
  const groupH = Math.max(0.05, round(s['h']! * s['groupThreshold']!, 2));
  const groups: Record<string, { detection: typeof detection }> = {};
  for (const g of SCALED_GROUPS) groups[g] = { detection: { ...detection, h: groupH } };
  return {
    detection,
    levels: {
      elevated: { cap: { count: 2, window: s['elevatedWindow']! } },
      sustained: {
        cap: { count: 1, window: s['sustainedWindow']! },
        recoveryEvery: s['recoveryEvery']!,
      },
    },
    groups,
    recovery: { ...RECOVERY },
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
