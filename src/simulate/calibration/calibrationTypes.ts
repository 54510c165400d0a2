import type { ResponseConstants } from '../response/ResponseConstants.js';

/**
 * One row of the calibration table: a published figure, its band, and what the simulator's
 * `off` baseline gives under the target's protocol.
 *
 * @example
 * ```ts
 * import type { CalibrationEntry } from 'feed-rebalancer/simulate';
 * const miss = (e: CalibrationEntry) => e.simulated !== null && !e.withinBand;
 * ```
 */
export interface CalibrationEntry {
  /** The audit or paper. */
  readonly source: string;
  /** What is measured, in the simulator's terms. */
  readonly measure: string;
  /** Which accounts, how long, what counts. */
  readonly protocol: string;
  /** Unit of `target`, `low`, `high` and `simulated`. */
  readonly unit: 'minutes' | 'seconds' | 'share' | 'watches' | 'ratio' | 'impressions';
  /** The published figure. */
  readonly target: number;
  /** Lower end of the band. */
  readonly low: number;
  /** Upper end of the band. */
  readonly high: number;
  /** Why the band is what it is. */
  readonly band: string;
  /** The simulated value; `null` when the protocol never produced it. */
  readonly simulated: number | null;
  /** Whether `simulated` lies in [low, high]. */
  readonly withinBand: boolean;
}

/**
 * Popularity of the default catalogue's content that the calibration fits, per item and relative
 * to an ordinary item (what exploration and the popular feed draw on).
 *
 * @example
 * ```ts
 * import { calibrate, type CataloguePopularity } from 'feed-rebalancer/simulate';
 * const niche: Partial<CataloguePopularity> = { eatingDisorder: 0.01 };
 * const c = await calibrate({ seeds: [1], usersPerSeed: 10, popularity: niche });
 * ```
 */
export interface CataloguePopularity {
  /** Eating-disorder content: `thinspiration`, `pro-ana`, `extreme-dieting`. */
  readonly eatingDisorder: number;
  /** Self-harm and suicide content. */
  readonly selfHarmAndSuicide: number;
  /** The `mental-health` topic: mental-health content that is not harmful. */
  readonly mentalHealth: number;
}

/**
 * The result of `calibrate`: the calibration table and how it was made.
 *
 * @example
 * ```ts
 * import { calibrate } from 'feed-rebalancer/simulate';
 * const c = await calibrate({ seeds: [1], usersPerSeed: 10 });
 * for (const e of c.calibration) console.log(e.source, e.target, e.simulated, e.withinBand);
 * ```
 */
export interface CalibrationReport {
  /** The seeds every arm ran with (the same for every target: common random numbers). */
  readonly seeds: readonly number[];
  /** Accounts per arm and seed. */
  readonly usersPerSeed: number;
  /** The response constants checked. */
  readonly response: ResponseConstants;
  /** The catalogue's popularity checked. */
  readonly popularity: CataloguePopularity;
  /** Share of its reach triggering content keeps in the popular feed, checked. */
  readonly popularFeedShare: number;
  /** The built-in recommender's learning rate checked. */
  readonly learningRate: number;
  /** The built-in recommender's cold start checked, in 10-second watches. */
  readonly coldStartWatches: number;
  /** One row per target. */
  readonly calibration: readonly CalibrationEntry[];
}

/**
 * Options of `calibrate`.
 *
 * @example
 * ```ts
 * import { calibrate, type CalibrateOptions } from 'feed-rebalancer/simulate';
 * const options: CalibrateOptions = { seeds: [1, 2], usersPerSeed: 25, response: { lingerMs: 5_000 } };
 * const c = await calibrate(options);
 * ```
 */
export interface CalibrateOptions {
  /** Seeds, each an integer in [0, 2^32); every arm runs every seed. @defaultValue [1, 2, 3, 4] */
  readonly seeds?: readonly number[];
  /** Accounts per arm and seed, an integer in [1, 100000]. @defaultValue 50 */
  readonly usersPerSeed?: number;
  /** Response constants to check instead of the defaults. @defaultValue `DEFAULT_RESPONSE` */
  readonly response?: Partial<ResponseConstants>;
  /**
   * Popularity of the default catalogue's eating-disorder, self-harm and suicide, and benign
   * mental-health content relative to ordinary items (how niche they are), each in (0, 10]; the
   * parts not given keep their fitted values.
   * @defaultValue the fitted values
   */
  readonly popularity?: Partial<CataloguePopularity>;
  /**
   * Share of its reach triggering content keeps in the popular feed a new account starts on, in
   * [0, 1] (what slips through platform review).
   * @defaultValue the fitted value
   */
  readonly popularFeedShare?: number;
  /**
   * Learning rate of the per-user recommender's watch-time profile, in (0, 1].
   * @defaultValue the fitted value
   */
  readonly learningRate?: number;
  /**
   * Watch time a new account gives, in 10-second watches, before the recommender personalises
   * its feed (until then what it does not explore comes from the popular feed), in [0, 1000]; 0
   * personalises from the first request.
   * @defaultValue the fitted value
   */
  readonly coldStartWatches?: number;
  /** Worker threads. @defaultValue as in `simulate` */
  readonly workers?: number;
  /** Called as accounts finish, with the accounts done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}
