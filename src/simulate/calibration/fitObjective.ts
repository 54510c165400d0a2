import { DEFAULT_RESPONSE } from '../response/defaults.js';
import type { ResponseConstants } from '../response/ResponseConstants.js';
import type { CalibrationEntry, CataloguePopularity } from './calibrationTypes.js';
import { FITTED } from './fitted.js';
import { TARGETS } from './targets.js';

/**
 * The constants the fit moves, each through a transform that keeps it in its range (logarithm
 * for positive constants, logit for shares), so the search is unconstrained. The engagement
 * constants are not among them: scripted accounts never leave, and no audit measured leaving.
 * The three popularities are not response constants but the default catalogue's: no response
 * constant can move how soon a new account meets triggering content, and one popularity for
 * every triggering group cannot give CCDH's order (suicide content before eating-disorder
 * content, in a catalogue with more of the latter); benign mental-health content's reach sets
 * what a re-watching account is fed besides harmful content (Amnesty). `popularFeedShare` is the
 * world's too: how much of triggering content's reach survives platform review into the popular
 * feed a new account starts on. `learningRate` and `coldStartWatches` are the built-in
 * recommenders': the first alone sets how fast a feed forgets (Hosseinmardi et al.), the second
 * how long a new account's feed stays the popular one.
 *
 * @internal
 */
export const FIT_PARAMETERS = [
  'eatingDisorderPopularity',
  'selfHarmPopularity',
  'mentalHealthPopularity',
  'popularFeedShare',
  'coldStartWatches',
  'learningRate',
  'lingerMs',
  'lingerFloor',
  'watchMidpoint',
  'interestGrowth',
  'damage',
] as const;

/** The point the fit searches over. @internal */
export type FitPoint = Readonly<Record<(typeof FIT_PARAMETERS)[number], number>>;

/**
 * The range the fit may move each constant in: plausibility limits, not fitted values. The
 * dwell a lingering user gives a triggering item stays near the ~10 s pauses CCDH's accounts
 * made (`lingerMs` up to 12 s); users keep skipping part of what they are shown (`watchMidpoint`
 * 0.2–0.6 of a favourite's appeal); the rest spans an order of magnitude or more around the
 * hand-set values the calibration started from. Benign mental-health content keeps within a
 * factor of about two of an ordinary topic's reach; a new account's cold start lasts between a
 * few watches and a few dozen (minutes, not hours, of scrolling).
 *
 * @internal
 */
export const FIT_BOUNDS: Readonly<
  Record<(typeof FIT_PARAMETERS)[number], readonly [number, number]>
> = {
  eatingDisorderPopularity: [0.005, 2],
  selfHarmPopularity: [0.02, 2],
  mentalHealthPopularity: [0.4, 1.6],
  popularFeedShare: [0.02, 1],
  coldStartWatches: [1, 60],
  learningRate: [0.05, 0.8],
  lingerMs: [2_000, 12_000],
  lingerFloor: [0.05, 0.95],
  watchMidpoint: [0.2, 0.6],
  interestGrowth: [0.005, 0.2],
  damage: [0.0005, 0.02],
};

/** Bounded to unbounded: the logit of the position within the bounds (log-spaced for wide ones). */
function toLine(key: (typeof FIT_PARAMETERS)[number], value: number): number {
  const [lo, hi] = FIT_BOUNDS[key];
  const logScaled = hi / lo >= 10;
  const f = (v: number): number => (logScaled ? Math.log(v) : v);
  const p = (f(value) - f(lo)) / (f(hi) - f(lo));
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

function fromLine(key: (typeof FIT_PARAMETERS)[number], x: number): number {
  const [lo, hi] = FIT_BOUNDS[key];
  const logScaled = hi / lo >= 10;
  const p = 1 / (1 + Math.exp(-x));
  return logScaled
    ? Math.exp(Math.log(lo) + p * (Math.log(hi) - Math.log(lo)))
    : lo + p * (hi - lo);
}

/**
 * A point as the search's unconstrained coordinates.
 *
 * @internal
 */
export function toCoordinates(point: FitPoint): number[] {
  return FIT_PARAMETERS.map((key) => toLine(key, point[key]));
}

/**
 * Coordinates back as a point, and as the options `calibrate` takes.
 *
 * @internal
 */
export function fromCoordinates(x: readonly number[]): {
  point: FitPoint;
  response: ResponseConstants;
  popularity: CataloguePopularity;
  popularFeedShare: number;
  learningRate: number;
  coldStartWatches: number;
} {
  const point = Object.fromEntries(
    FIT_PARAMETERS.map((key, k) => [key, fromLine(key, x[k]!)]),
  ) as unknown as FitPoint;
  return { point, ...optionsOf(point) };
}

/**
 * A point as the options `calibrate` takes.
 *
 * @internal
 */
export function optionsOf(point: FitPoint): {
  response: ResponseConstants;
  popularity: CataloguePopularity;
  popularFeedShare: number;
  learningRate: number;
  coldStartWatches: number;
} {
  const {
    eatingDisorderPopularity,
    selfHarmPopularity,
    mentalHealthPopularity,
    popularFeedShare,
    learningRate,
    coldStartWatches,
    ...response
  } = point;
  return {
    response: { ...DEFAULT_RESPONSE, ...response },
    popularity: {
      eatingDisorder: eatingDisorderPopularity,
      selfHarmAndSuicide: selfHarmPopularity,
      mentalHealth: mentalHealthPopularity,
    },
    popularFeedShare,
    learningRate,
    coldStartWatches,
  };
}

/** The committed point. @internal */
export function fittedPoint(): FitPoint {
  return {
    eatingDisorderPopularity: FITTED.popularity.eatingDisorder,
    selfHarmPopularity: FITTED.popularity.selfHarmAndSuicide,
    mentalHealthPopularity: FITTED.popularity.mentalHealth,
    popularFeedShare: FITTED.popularFeedShare,
    coldStartWatches: FITTED.coldStartWatches,
    learningRate: FITTED.learningRate,
    lingerMs: DEFAULT_RESPONSE.lingerMs,
    lingerFloor: DEFAULT_RESPONSE.lingerFloor,
    watchMidpoint: DEFAULT_RESPONSE.watchMidpoint,
    interestGrowth: DEFAULT_RESPONSE.interestGrowth,
    damage: DEFAULT_RESPONSE.damage,
  };
}

/** Weight of the pull towards each target's own figure, inside its band. */
const CENTRE = 0.05;
/** A target's penalty saturates near this many of its distance units squared. */
const SATURATION = 2;
/** What a target outside its band costs on top of its distance: a miss is a miss. */
const MISS = 1;
/** Smallest distance unit: 5 percentage points for a share, a factor of 1.5 on a log scale. */
const FLOOR = { linear: 0.05, log: Math.log(1.5) } as const;

/**
 * The loss the fit minimises. Per target, its distance outside the band, in units of the band's
 * width (at least 5 percentage points for a share, a factor of 1.5 for times, counts and ratios,
 * which are measured on a log scale), turns into a penalty 1 + d² / (1 + d² / 4): a target
 * outside its band costs at least 1, however close (with the band's width as the unit, a narrow
 * band missed by a hair would otherwise cost almost nothing), and the rest grows quadratically
 * near the band and saturates far from it, so that a target the model cannot reach (or two
 * sources that disagree on one measure) cannot drag the others out of their bands. A small,
 * bounded pull towards each figure (at most 0.05) keeps a fit off its bands' edges. A measure
 * the protocol never produced counts as far outside.
 *
 * @param table - the calibration table at a point
 * @returns the loss (0 only when every target sits on its figure; below 1 only when every
 *   target is within its band)
 * @internal
 */
export function calibrationLoss(table: readonly CalibrationEntry[]): number {
  let loss = 0;
  table.forEach((entry, k) => {
    const target = TARGETS[k]!;
    const m = entry.simulated;
    if (m === null || !(m > 0)) {
      loss += MISS + SATURATION * SATURATION;
      return;
    }
    const f = target.scale === 'log' ? Math.log : (v: number) => v;
    const unit = Math.max(f(target.high) - f(target.low), FLOOR[target.scale]);
    const outside =
      m < target.low
        ? (f(target.low) - f(m)) / unit
        : m > target.high
          ? (f(m) - f(target.high)) / unit
          : 0;
    const d2 = outside * outside;
    const c2 = ((f(m) - f(target.target)) / unit) ** 2;
    const miss = outside > 0 ? MISS + d2 / (1 + d2 / (SATURATION * SATURATION)) : 0;
    loss += miss + (CENTRE * c2) / (1 + c2);
  });
  return loss;
}
