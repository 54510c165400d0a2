/**
 * The constants of the simulated users' response: how they watch, how triggering and recovery
 * content moves their wellbeing and interest, and how satisfaction sets the length of their
 * sessions, when they come back and whether they leave for good. `simulate`, `compare`,
 * `calibrate` and `sensitivity` take any subset of them (`response`); the rest keep the defaults
 * in {@link DEFAULT_RESPONSE}, which the offline calibration fitted to public audits
 * (docs/simulation.md, "Calibration").
 *
 * Satisfaction is watch time: a page's satisfaction is the mean dwell of its items in units of
 * 10 s (capped at 2 per item), the immediate reward KuaiSim's leave model drains a user's
 * "temper" with (Zhao et al., NeurIPS 2023 datasets and benchmarks track).
 *
 * @example
 * ```ts
 * import { DEFAULT_RESPONSE, type ResponseConstants } from 'feed-rebalancer/simulate';
 * const harsher: ResponseConstants = { ...DEFAULT_RESPONSE, damage: 2 * DEFAULT_RESPONSE.damage };
 * ```
 */
export interface ResponseConstants {
  /**
   * Slope of the logistic chance to watch an item against its pull (appeal plus half the
   * linger): 1 / (1 + exp(−slope × (pull − midpoint))).
   * @defaultValue `DEFAULT_RESPONSE.watchSlope`
   */
  readonly watchSlope: number;
  /** Pull at which a user watches half the items shown. @defaultValue `DEFAULT_RESPONSE.watchMidpoint` */
  readonly watchMidpoint: number;
  /**
   * Linger of a fully susceptible user at full wellbeing, as a share of the most linger; the
   * rest grows as wellbeing falls: linger = susceptibility × (floor + (1 − floor) × (1 − wellbeing)).
   * @defaultValue `DEFAULT_RESPONSE.lingerFloor`
   */
  readonly lingerFloor: number;
  /** Extra dwell of a fully lingering user on a triggering item, ms. @defaultValue `DEFAULT_RESPONSE.lingerMs` */
  readonly lingerMs: number;
  /** Wellbeing lost per full (10 s) watch of a triggering item by a fully susceptible user. @defaultValue `DEFAULT_RESPONSE.damage` */
  readonly damage: number;
  /** Share of the gap to full wellbeing one full watch of a recovery item restores. @defaultValue `DEFAULT_RESPONSE.recoveryGain` */
  readonly recoveryGain: number;
  /** Share of the gap to full interest one watch of a triggering topic adds, times susceptibility. @defaultValue `DEFAULT_RESPONSE.interestGrowth` */
  readonly interestGrowth: number;
  /** Share of the gap to the user's baseline wellbeing closed at every impression. @defaultValue `DEFAULT_RESPONSE.baselinePull` */
  readonly baselinePull: number;
  /** Time constant of wellbeing's return to baseline while the user is away, hours. @defaultValue `DEFAULT_RESPONSE.restHours` */
  readonly restHours: number;
  /**
   * Temper at the start of a session, in feed requests: every page costs at least one (with an
   * exponential spread), so a session of satisfying pages lasts about this many pages.
   * @defaultValue `DEFAULT_RESPONSE.sessionTemper`
   */
  readonly sessionTemper: number;
  /** Extra temper a page costs per unit of satisfaction below the threshold (KuaiSim's temper discount). @defaultValue `DEFAULT_RESPONSE.temperDiscount` */
  readonly temperDiscount: number;
  /** Page satisfaction (mean watch time per item, 10 s units) below which pages cost extra temper. @defaultValue `DEFAULT_RESPONSE.satisfactionThreshold` */
  readonly satisfactionThreshold: number;
  /** Weight of the latest session in the cross-session satisfaction (an exponential moving average). @defaultValue `DEFAULT_RESPONSE.sessionMemory` */
  readonly sessionMemory: number;
  /** Chance to leave for good after a session, at cross-session satisfaction equal to the threshold. @defaultValue `DEFAULT_RESPONSE.leaveChance` */
  readonly leaveChance: number;
  /**
   * How strongly cross-session satisfaction moves leaving, the gap before returning and the next
   * session's temper: each is scaled by exp(∓ sensitivity × (satisfaction − threshold) / threshold).
   * @defaultValue `DEFAULT_RESPONSE.satisfactionSensitivity`
   */
  readonly satisfactionSensitivity: number;
  /** Mean gap between sessions beyond a 35-minute minimum, hours, at threshold satisfaction. @defaultValue `DEFAULT_RESPONSE.returnGapHours` */
  readonly returnGapHours: number;
  /** Chance per day of a break of one to seven days away (life, not the feed). @defaultValue `DEFAULT_RESPONSE.breakChance` */
  readonly breakChance: number;
}

/**
 * Names of the response constants, in documentation order.
 *
 * @internal
 */
export const RESPONSE_KEYS: readonly (keyof ResponseConstants)[] = [
  'watchSlope',
  'watchMidpoint',
  'lingerFloor',
  'lingerMs',
  'damage',
  'recoveryGain',
  'interestGrowth',
  'baselinePull',
  'restHours',
  'sessionTemper',
  'temperDiscount',
  'satisfactionThreshold',
  'sessionMemory',
  'leaveChance',
  'satisfactionSensitivity',
  'returnGapHours',
  'breakChance',
];

/**
 * Bounds each constant is checked against: `[min, max]`, and whether the constant is a share
 * (then at most 1). Wide enough for ±50% sensitivity runs around any fitted value in range.
 *
 * @internal
 */
export const RESPONSE_BOUNDS: Readonly<Record<keyof ResponseConstants, readonly [number, number]>> =
  {
    watchSlope: [0.1, 100],
    watchMidpoint: [0, 2],
    lingerFloor: [0, 1],
    lingerMs: [0, 60_000],
    damage: [0, 0.1],
    recoveryGain: [0, 1],
    interestGrowth: [0, 1],
    baselinePull: [0, 1],
    restHours: [0.01, 10_000],
    sessionTemper: [1, 1_000],
    temperDiscount: [0, 1_000],
    satisfactionThreshold: [0.01, 2],
    sessionMemory: [0, 1],
    leaveChance: [0, 1],
    satisfactionSensitivity: [0, 100],
    returnGapHours: [0, 10_000],
    breakChance: [0, 1],
  };
