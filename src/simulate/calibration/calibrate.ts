import { presets, RebalanceError } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import type { UserResult } from '../metrics/UserResult.js';
import { resolveResponse } from '../response/resolveResponse.js';
import { count } from '../run/count.js';
import { checkThreadOptions, runPopulation } from '../run/runPopulation.js';
import { bucketStepsFor, CANDIDATES, NO_PARTS, PAGE_SIZE, type RunSpec } from '../run/RunSpec.js';
import { resolveLabels } from '../world/labelModel.js';
import { completeTopic, DEFAULT_CATALOGUE } from '../world/topics.js';
import type { TopicSpec } from '../world/topics.js';
import type {
  CalibrateOptions,
  CalibrationReport,
  CataloguePopularity,
} from './calibrationTypes.js';
import { FITTED } from './fitted.js';
import { measureTargets } from './measureTargets.js';
import { ARMS } from './protocols.js';

const API = 'calibrate';
/** Seeds when the options do not say. */
const DEFAULT_SEEDS: readonly number[] = [1, 2, 3, 4];
/** Accounts per arm and seed when the options do not say: 200 per target over the four seeds. */
const DEFAULT_USERS_PER_SEED = 50;

/**
 * Runs the calibration protocols under the `off` baseline and returns the calibration table:
 * for each published figure (CCDH 2022, Amnesty 2023, Amnesty France 2025, Molly Rose Foundation
 * 2025, Griffiths et al. 2024, Hosseinmardi et al. 2024, Tomlein et al. 2021) its band and the
 * simulated value under its protocol. Accounts are scripted, as the audits' were: they scroll
 * for two or six hours of time on the app and never leave, and some re-watch what their audit's
 * accounts engaged with. Targets that share accounts share one run per arm and seed, and every
 * arm runs the same seeds. The fitting procedure that chose the default constants, and the model
 * changes that let all nine targets be reached, are in docs/simulation.md.
 *
 * @param options - seeds, accounts per seed, the constants to check, workers, onProgress
 * @returns the calibration table
 * @throws RebalanceError with code `argument` for a bad option (its `path` names it)
 *
 * @example
 * ```ts
 * import { calibrate } from 'feed-rebalancer/simulate';
 * const report = await calibrate({ seeds: [1], usersPerSeed: 10 });
 * console.log(report.calibration.filter((e) => !e.withinBand).map((e) => e.source));
 * ```
 */
export async function calibrate(options: CalibrateOptions = {}): Promise<CalibrationReport> {
  if (typeof options !== 'object' || options === null)
    throw new RebalanceError(
      'argument',
      `${API}: options must be an object (got ${describeValue(options)})`,
      '',
    );
  const seeds = readSeeds(options.seeds);
  const usersPerSeed = count(
    API,
    'usersPerSeed',
    options.usersPerSeed,
    DEFAULT_USERS_PER_SEED,
    100_000,
  );
  const response = resolveResponse(API, options.response);
  const popularity = readPopularity(options.popularity);
  const learningRate = options.learningRate ?? FITTED.learningRate;
  if (typeof learningRate !== 'number' || !(learningRate > 0 && learningRate <= 1))
    throw new RebalanceError(
      'argument',
      `${API}: learningRate must be a number in (0, 1] (got ${describeValue(learningRate)})`,
      'learningRate',
    );
  const coldStartWatches = options.coldStartWatches ?? FITTED.coldStartWatches;
  if (typeof coldStartWatches !== 'number' || !(coldStartWatches >= 0 && coldStartWatches <= 1_000))
    throw new RebalanceError(
      'argument',
      `${API}: coldStartWatches must be a number in [0, 1000] (got ${describeValue(coldStartWatches)})`,
      'coldStartWatches',
    );
  const popularFeedShare = options.popularFeedShare ?? FITTED.popularFeedShare;
  if (typeof popularFeedShare !== 'number' || !(popularFeedShare >= 0 && popularFeedShare <= 1))
    throw new RebalanceError(
      'argument',
      `${API}: popularFeedShare must be a number in [0, 1] (got ${describeValue(popularFeedShare)})`,
      'popularFeedShare',
    );
  const { workers, onProgress } = checkThreadOptions(API, options.workers, options.onProgress);
  const topics = defaultCatalogueWith(popularity, popularFeedShare);
  const total = seeds.length * ARMS.length * usersPerSeed;
  let done = 0;
  const arms = new Map<string, UserResult[]>();
  for (const arm of ARMS) {
    const pooled: UserResult[] = [];
    for (const seed of seeds) {
      const spec: RunSpec = {
        seed,
        scenario: arm.scenario,
        labels: resolveLabels(API, 'topics'),
        topics,
        response,
        policyName: 'off',
        policy: presets.policies.off,
        users: usersPerSeed,
        steps: arm.steps,
        horizonMs: null,
        bucketSteps: bucketStepsFor(arm.steps),
        pageSize: PAGE_SIZE,
        candidates: CANDIDATES,
        recommenderName: 'per-user',
        builtin: 'per-user',
        sampler: { learningRate, coldStartWatches },
        protocol: arm.protocol,
      };
      pooled.push(
        ...(await runPopulation(spec, NO_PARTS, workers, () => {
          done++;
          onProgress?.(done, total);
        })),
      );
    }
    arms.set(arm.name, pooled);
  }
  return {
    seeds,
    usersPerSeed,
    response,
    popularity,
    popularFeedShare,
    learningRate,
    coldStartWatches,
    calibration: measureTargets(arms, PAGE_SIZE),
  };
}

const POPULARITY_PARTS = ['eatingDisorder', 'selfHarmAndSuicide', 'mentalHealth'] as const;

function readPopularity(popularity: unknown): CataloguePopularity {
  if (popularity === undefined) return { ...FITTED.popularity };
  if (typeof popularity !== 'object' || popularity === null || Array.isArray(popularity))
    throw new RebalanceError(
      'argument',
      `${API}: popularity must be an object (got ${describeValue(popularity)})`,
      'popularity',
    );
  const given = popularity as Record<string, unknown>;
  for (const key of Object.keys(given))
    if (!(POPULARITY_PARTS as readonly string[]).includes(key))
      throw new RebalanceError(
        'argument',
        `${API}: popularity.${key} is not a part of the catalogue's popularity (${POPULARITY_PARTS.join(', ')})`,
        `popularity.${key}`,
      );
  const out: Record<string, number> = { ...FITTED.popularity };
  for (const key of POPULARITY_PARTS) {
    if (!Object.hasOwn(given, key)) continue;
    const value = given[key];
    if (typeof value !== 'number' || !(value > 0 && value <= 10))
      throw new RebalanceError(
        'argument',
        `${API}: popularity.${key} must be a number in (0, 10] (got ${describeValue(value)})`,
        `popularity.${key}`,
      );
    out[key] = value;
  }
  return out as unknown as CataloguePopularity;
}

/**
 * The default catalogue with the given popularity of its eating-disorder, self-harm and suicide,
 * and mental-health topics, and the given share of triggering content in the popular feed.
 */
function defaultCatalogueWith(
  popularity: CataloguePopularity,
  popularFeedShare: number,
): TopicSpec[] {
  return DEFAULT_CATALOGUE.topics.map((t) => {
    if (t.kind === 'triggering')
      return completeTopic({
        ...t,
        popularity:
          t.group === 'eating-disorder' ? popularity.eatingDisorder : popularity.selfHarmAndSuicide,
        popularFeedShare,
      });
    if (t.id === 'mental-health')
      return completeTopic({ ...t, popularity: popularity.mentalHealth });
    return completeTopic(t);
  });
}

function readSeeds(seeds: unknown): number[] {
  if (seeds === undefined) return [...DEFAULT_SEEDS];
  const ok =
    Array.isArray(seeds) &&
    seeds.length > 0 &&
    seeds.length <= 100 &&
    seeds.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 0 && s < 2 ** 32);
  if (!ok)
    throw new RebalanceError(
      'argument',
      `${API}: seeds must be a non-empty array of at most 100 integers in [0, 2^32) (got ${describeValue(seeds)})`,
      'seeds',
    );
  return [...(seeds as number[])];
}
