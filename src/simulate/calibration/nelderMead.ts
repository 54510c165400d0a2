/**
 * Options of {@link nelderMead}.
 *
 * @internal
 */
export interface NelderMeadOptions {
  /** Size of the initial simplex along each coordinate. */
  readonly step: number;
  /** Most function evaluations. */
  readonly maxEvaluations: number;
  /** Stop when the simplex's function values differ by less than this. */
  readonly tolerance: number;
  /** Called after each evaluation (for logs). */
  readonly onEvaluation?: (x: readonly number[], value: number, evaluations: number) => void;
}

/**
 * The minimum a {@link nelderMead} search found.
 *
 * @internal
 */
export interface NelderMeadResult {
  readonly x: readonly number[];
  readonly value: number;
  readonly evaluations: number;
}

/**
 * Minimises `f` by the Nelder–Mead simplex method, with the standard coefficients (reflection 1,
 * expansion 2, contraction ½, shrink ½) and the ordering and tie rules of Lagarias, Reeds, Wright
 * & Wright, "Convergence properties of the Nelder–Mead simplex method in low dimensions", SIAM J.
 * Optim. 9(1), 1998. Derivative-free, so it suits an objective measured by simulation with
 * common random numbers (the same seeds at every point, so differences between points are not
 * sampling noise). Deterministic: the same `f` gives the same path.
 *
 * @param f - the function to minimise (may be asynchronous)
 * @param start - the starting point
 * @param options - initial step, evaluation budget, tolerance
 * @returns the best point found, its value, and the evaluations spent
 * @internal
 */
export async function nelderMead(
  f: (x: readonly number[]) => number | Promise<number>,
  start: readonly number[],
  options: NelderMeadOptions,
): Promise<NelderMeadResult> {
  const n = start.length;
  let evaluations = 0;
  const evaluate = async (x: number[]): Promise<{ x: number[]; value: number }> => {
    const value = await f(x);
    evaluations++;
    options.onEvaluation?.(x, value, evaluations);
    return { x, value: Number.isNaN(value) ? Infinity : value };
  };
  const simplex = [await evaluate([...start])];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i]! += options.step;
    simplex.push(await evaluate(x));
  }
  const combine = (a: number[], b: number[], t: number): number[] =>
    a.map((ai, i) => ai + t * (b[i]! - ai));
  while (evaluations < options.maxEvaluations) {
    // Stable order: among equal values the older vertex comes first (Lagarias et al.).
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (worst.value - best.value < options.tolerance) break;
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i]! += simplex[k]!.x[i]! / n;
    const reflected = await evaluate(combine(centroid, worst.x, -1));
    if (reflected.value < best.value) {
      const expanded = await evaluate(combine(centroid, worst.x, -2));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < simplex[n - 1]!.value) {
      simplex[n] = reflected;
      continue;
    }
    const outside = reflected.value < worst.value;
    const contracted = await evaluate(combine(centroid, worst.x, outside ? -0.5 : 0.5));
    if (contracted.value < (outside ? reflected.value : worst.value)) {
      simplex[n] = contracted;
      continue;
    }
    for (let k = 1; k <= n; k++) simplex[k] = await evaluate(combine(best.x, simplex[k]!.x, 0.5));
  }
  simplex.sort((a, b) => a.value - b.value);
  return { x: simplex[0]!.x, value: simplex[0]!.value, evaluations };
}
