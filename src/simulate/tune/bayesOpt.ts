import { Rng } from '../random/Rng.js';
import { expectedImprovement, probabilityAtMostZero } from './acquisition.js';
import { fitSurrogate, type Surrogate } from './fitSurrogate.js';
import { latinHypercube } from './latinHypercube.js';

/**
 * What one evaluation measured, in the optimiser's convention: the objective is minimised, and
 * constraint `j` holds when `constraints[j] ≤ 0`. `null` marks a value the evaluation could not
 * measure; such a point is never feasible.
 *
 * @internal
 */
export interface Outcome {
  readonly objective: number | null;
  readonly constraints: readonly (number | null)[];
}

/**
 * A black-box problem on the unit cube.
 *
 * @internal
 */
export interface BoxProblem {
  readonly dimensions: number;
  /** The representative of the point's cell, for problems that tell only a grid of points apart. */
  readonly snap: (x: readonly number[]) => number[];
  readonly evaluate: (x: readonly number[]) => Promise<Outcome>;
}

/**
 * Options of {@link bayesOpt}.
 *
 * @internal
 */
export interface BayesOptOptions {
  /** Evaluations in all, initial design included. */
  readonly budget: number;
  /** Evaluations of the Latin-hypercube initial design (at most `budget`). */
  readonly initial: number;
  /** Candidate points scored by the acquisition per step. */
  readonly pool: number;
  /** Seed of the design, the pools and nothing else. */
  readonly seed: number;
  /** Called after each evaluation. */
  readonly onTrial?: (trial: Trial, index: number) => void;
}

/**
 * One evaluated point.
 *
 * @internal
 */
export interface Trial {
  readonly x: readonly number[];
  readonly outcome: Outcome;
}

/** Share of each pool drawn around the best points so far rather than uniformly. */
const LOCAL_SHARE = 0.25;
/** Standard deviation of those local draws, in unit-cube coordinates. */
const LOCAL_SD = 0.08;
/** How many of the best points the local draws centre on. */
const LOCAL_CENTRES = 3;

/**
 * Constrained Bayesian optimisation of a black box on the unit cube: a seeded Latin-hypercube
 * initial design, then one point at a time, the point of a seeded candidate pool that maximises
 * expected improvement on the best feasible objective times the probability that every
 * constraint holds, each from its own Gaussian-process surrogate (Gardner et al. 2014, "Bayesian
 * optimization with inequality constraints"; Gelbart, Snoek & Adams 2014). Until some point is
 * feasible the acquisition is the probability of feasibility alone. The pool mixes uniform points
 * with draws around the best points so far, and skips points already evaluated (after `snap`).
 * Deterministic: the same problem and options give the same trials.
 *
 * @param problem - the black box
 * @param options - budget, initial design, pool size and seed
 * @returns the trials in evaluation order
 * @internal
 */
export async function bayesOpt(problem: BoxProblem, options: BayesOptOptions): Promise<Trial[]> {
  const rng = new Rng(options.seed);
  const trials: Trial[] = [];
  const seen = new Set<string>();
  const run = async (x: number[]): Promise<void> => {
    const trial = { x, outcome: await problem.evaluate(x) };
    seen.add(keyOf(x));
    trials.push(trial);
    options.onTrial?.(trial, trials.length - 1);
  };
  const initial = Math.min(options.initial, options.budget);
  for (const x of latinHypercube(initial, problem.dimensions, rng)) await run(problem.snap(x));
  while (trials.length < options.budget) await run(nextPoint(problem, trials, seen, rng, options));
  return trials;
}

function nextPoint(
  problem: BoxProblem,
  trials: readonly Trial[],
  seen: ReadonlySet<string>,
  rng: Rng,
  options: BayesOptOptions,
): number[] {
  const d = problem.dimensions;
  const objective = surrogateOf(trials, (o) => o.objective);
  const constraintCount = trials[0]?.outcome.constraints.length ?? 0;
  const constraints: (Surrogate | null)[] = [];
  for (let j = 0; j < constraintCount; j++)
    constraints.push(surrogateOf(trials, (o) => o.constraints[j] ?? null));
  const ranked = rankTrials(trials);
  const best = ranked.bestFeasible;
  const pool = candidatePool(problem, ranked.centres, rng, options.pool, seen);
  let chosen: number[] | null = null;
  let chosenScore = -Infinity;
  let chosenSpread = -Infinity;
  for (const x of pool) {
    let feasibility = 1;
    for (const c of constraints) {
      // A constraint never measured yet gives no information: it does not weigh.
      if (c === null) continue;
      const p = c.predict(x);
      feasibility *= probabilityAtMostZero(p.mean, p.variance);
    }
    let score = feasibility;
    let spread = 0;
    if (objective !== null) {
      const p = objective.predict(x);
      spread = feasibility * p.variance;
      if (best !== null) score *= expectedImprovement(p.mean, p.variance, best);
    }
    // Ties (every score underflowing to 0 far from the data) go to the most uncertain point.
    if (score > chosenScore || (score === chosenScore && spread > chosenSpread)) {
      chosen = x;
      chosenScore = score;
      chosenSpread = spread;
    }
  }
  if (chosen !== null) return chosen;
  // Every pool point was evaluated already (a small grid): any unseen point will do.
  const random: number[] = [];
  for (let i = 0; i < d; i++) random.push(rng.uniform());
  return problem.snap(random);
}

/** A surrogate of one output over the trials that measured it, or `null` when none did. */
function surrogateOf(
  trials: readonly Trial[],
  read: (o: Outcome) => number | null,
): Surrogate | null {
  const xs: (readonly number[])[] = [];
  const ys: number[] = [];
  for (const t of trials) {
    const v = read(t.outcome);
    if (v === null || !Number.isFinite(v)) continue;
    xs.push(t.x);
    ys.push(v);
  }
  return ys.length === 0 ? null : fitSurrogate(xs, ys);
}

/**
 * The best feasible objective, and the points the local part of the pool centres on: the best
 * feasible ones, or while none is feasible, those that break the constraints least.
 */
function rankTrials(trials: readonly Trial[]): {
  bestFeasible: number | null;
  centres: (readonly number[])[];
} {
  const scored = trials.map((t, k) => {
    const o = t.outcome;
    let violation = 0;
    for (const c of o.constraints) violation += c === null ? Infinity : Math.max(0, c);
    return { k, violation, objective: o.objective ?? Infinity };
  });
  scored.sort((a, b) => a.violation - b.violation || a.objective - b.objective || a.k - b.k);
  const first = scored[0];
  const feasible = first !== undefined && first.violation === 0 && first.objective < Infinity;
  return {
    bestFeasible: feasible ? first.objective : null,
    centres: scored.slice(0, LOCAL_CENTRES).map((s) => trials[s.k]!.x),
  };
}

function candidatePool(
  problem: BoxProblem,
  centres: readonly (readonly number[])[],
  rng: Rng,
  size: number,
  seen: ReadonlySet<string>,
): number[][] {
  const d = problem.dimensions;
  const pool: number[][] = [];
  const taken = new Set<string>();
  const local = centres.length === 0 ? 0 : Math.round(size * LOCAL_SHARE);
  for (let i = 0; i < size; i++) {
    const x = new Array<number>(d);
    if (i < local) {
      const centre = centres[i % centres.length]!;
      for (let j = 0; j < d; j++)
        x[j] = Math.min(1 - 1e-9, Math.max(0, centre[j]! + LOCAL_SD * rng.normal()));
    } else {
      for (let j = 0; j < d; j++) x[j] = rng.uniform();
    }
    const snapped = problem.snap(x);
    const key = keyOf(snapped);
    if (seen.has(key) || taken.has(key)) continue;
    taken.add(key);
    pool.push(snapped);
  }
  return pool;
}

function keyOf(x: readonly number[]): string {
  return x.join(',');
}
