/**
 * The offline calibration fit: Nelder–Mead over the fitted constants (see
 * src/simulate/calibration/fitObjective.ts), each candidate scored by `calibrate()` with the same
 * seeds (common random numbers), starting from the committed values (or --start, a JSON point).
 * It writes the best point, to four significant digits, to src/simulate/calibration/fitted.ts,
 * the simulator's documented defaults, then prints the calibration table of the constants as
 * written at `calibrate()`'s default size. docs/simulation.md describes the procedure;
 * `feed-rebalancer calibrate` prints the table of the committed constants.
 *
 *   node --import tsx scripts/calibrate.ts [--seeds 1,2,3,4] [--users 50] [--evaluations 160]
 *
 * At 50 accounts per arm and seed (the size the test checks) it takes about 40 minutes on two
 * busy cores; the test suite only checks the committed constants.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { calibrate } from '../src/simulate/calibration/calibrate.js';
import {
  calibrationLoss,
  FIT_PARAMETERS,
  type FitPoint,
  fittedPoint,
  fromCoordinates,
  optionsOf,
  toCoordinates,
} from '../src/simulate/calibration/fitObjective.js';
import { nelderMead } from '../src/simulate/calibration/nelderMead.js';
import { TARGETS } from '../src/simulate/calibration/targets.js';
import { DEFAULT_RESPONSE } from '../src/simulate/response/defaults.js';
import { RESPONSE_KEYS } from '../src/simulate/response/ResponseConstants.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3,4' },
    users: { type: 'string', default: '50' },
    'check-users': { type: 'string', default: '50' },
    evaluations: { type: 'string', default: '160' },
    out: { type: 'string', default: 'src/simulate/calibration/fitted.ts' },
    start: { type: 'string' },
  },
});
const seeds = values.seeds.split(',').map(Number);
const usersPerSeed = Number(values.users);
const checkUsers = Number(values['check-users']);
const maxEvaluations = Number(values.evaluations);

// Start from --start (a JSON fit point) or from the committed values.
const start = toCoordinates(
  values.start === undefined
    ? fittedPoint()
    : { ...fittedPoint(), ...(JSON.parse(values.start) as Partial<FitPoint>) },
);
const result = await nelderMead(
  async (x) => {
    const { response, popularity, popularFeedShare, learningRate, coldStartWatches } =
      fromCoordinates(x);
    const report = await calibrate({
      seeds,
      usersPerSeed,
      response,
      popularity,
      popularFeedShare,
      learningRate,
      coldStartWatches,
    });
    return calibrationLoss(report.calibration);
  },
  start,
  {
    step: 0.3,
    maxEvaluations,
    tolerance: 1e-4,
    onEvaluation: (x, value, n) => {
      const { point } = fromCoordinates(x);
      const shown = FIT_PARAMETERS.map((k) => `${k}=${point[k].toPrecision(4)}`).join(' ');
      process.stderr.write(`#${n} loss ${value.toFixed(4)} ${shown}\n`);
    },
  },
);

// The file keeps four significant digits: check (and report) the constants as written.
const round = (v: number): number => Number(v.toPrecision(4));
const point = Object.fromEntries(
  Object.entries(fromCoordinates(result.x).point).map(([k, v]) => [k, round(v)]),
) as unknown as FitPoint;
const { response, popularity, popularFeedShare, learningRate, coldStartWatches } = optionsOf(point);
const check = await calibrate({
  seeds,
  usersPerSeed: checkUsers,
  response,
  popularity,
  popularFeedShare,
  learningRate,
  coldStartWatches,
});
// Only the fitted constants change; the others keep their committed (hand-set) values.
const lines = RESPONSE_KEYS.map(
  (k) => `    ${k}: ${String(k in point ? round(response[k]) : DEFAULT_RESPONSE[k])},`,
);
writeFileSync(
  values.out,
  `/**
 * The constants the offline calibration fitted (scripts/calibrate.ts writes this file; rerun the
 * fit rather than editing it by hand). docs/simulation.md describes the procedure and the targets.
 *
 * @internal
 * @packageDocumentation
 */

/** @internal */
export const FITTED = {
  response: {
${lines.join('\n')}
  },
  /**
   * Popularity of an item of the default catalogue's eating-disorder topics, of its self-harm and
   * suicide topics, and of its mental-health topic (content that is not harmful), relative to an
   * ordinary item.
   */
  popularity: {
    eatingDisorder: ${String(round(popularity.eatingDisorder))},
    selfHarmAndSuicide: ${String(round(popularity.selfHarmAndSuicide))},
    mentalHealth: ${String(round(popularity.mentalHealth))},
  },
  /** Share of its reach triggering content keeps in a new account's popular feed. */
  popularFeedShare: ${String(round(popularFeedShare))},
  /** Learning rate of the built-in recommenders' per-topic watch-time profile. */
  learningRate: ${String(round(learningRate))},
  /** Watch time (in 10-second watches) a new account gives before its feed is personalised. */
  coldStartWatches: ${String(round(coldStartWatches))},
  /** How the fit ran. */
  fit: {
    loss: ${String(round(result.value))},
    evaluations: ${result.evaluations},
    seeds: [${seeds.join(', ')}],
    usersPerSeed: ${usersPerSeed},
    fitted: [${FIT_PARAMETERS.map((k) => `'${k}'`).join(', ')}],
    /** The targets within their band at ${checkUsers} accounts per arm and seed (calibrate()'s default). */
    reached: [${check.calibration
      .flatMap((e, k) => (e.withinBand ? [`'${TARGETS[k]!.id}'`] : []))
      .join(', ')}],
  },
} as const;
`,
);
process.stderr.write(
  `wrote ${values.out} (loss ${result.value.toFixed(4)} after ${result.evaluations} evaluations; ` +
    `hand-set, not fitted: ${RESPONSE_KEYS.filter((k) => !(k in point)).join(', ')})\n`,
);
for (const e of check.calibration)
  process.stdout.write(
    `${e.withinBand ? 'within' : 'OUTSIDE'}  ${e.source}: ${e.measure} — target ${e.target} [${e.low}, ${e.high}], simulated ${e.simulated === null ? 'none' : e.simulated.toPrecision(4)}\n`,
  );
process.stdout.write(
  `loss at ${checkUsers} accounts per seed: ${calibrationLoss(check.calibration).toFixed(4)}\n`,
);
