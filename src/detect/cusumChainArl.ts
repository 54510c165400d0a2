import { reachesThreshold } from './tolerance.js';

/**
 * Exact zero-state ARL of the Bernoulli CUSUM with γ = 1/m, by the Markov chain of Reynolds &
 * Stoumbos (1999).
 *
 * With γ = 1/m the statistic only takes values k/m, so in units of 1/m it is an integer walk:
 * a triggering impression moves k to k + m − 1, another one moves it to max(0, k − 1), and the
 * chain is absorbed (alarm) at the first K with K/m ≥ h. The expected times to absorption t solve
 * (I − Q) t = 1. Q has one sub-diagonal and m − 1 super-diagonals, so Gaussian elimination
 * stays inside a band of width m: O(K·m) time and memory instead of O(K³). I − Q is a
 * non-singular M-matrix (diagonally dominant, absorption reachable from every state), for which
 * elimination without pivoting is stable; computing each pivot from the row sums (Grassmann,
 * Taksar & Heyman 1985) also avoids every subtraction, so the result keeps its relative
 * accuracy however large the ARL.
 *
 * @param p - probability of a triggering impression, in (0, 1)
 * @param m - the integer 1/γ, ≥ 2
 * @param h - the alarm threshold, > 0
 * @returns expected impressions until S ≥ h, from S = 0
 *
 * @example
 * ```ts
 * import { cusumChainArl } from './cusumChainArl.js';
 * cusumChainArl(0.05, 7, 4); // the ARL of γ = 1/7, h = 4 at p = 0.05
 * ```
 *
 * @internal
 */
export function cusumChainArl(p: number, m: number, h: number): number {
  const states = transientStates(m, h);
  if (states === 0) return 1;
  const q = 1 - p;
  const width = m;
  // band[k·width + j] holds the entry of row k, column k + j, for j in [0, m).
  const band = new Float64Array(states * width);
  const rhs = new Float64Array(states).fill(1);
  // Row sums of I − Q: the probability of alarming in one step from each state.
  const escape = new Float64Array(states);
  for (let k = 0; k < states; k++) {
    if (k + m - 1 < states) band[k * width + m - 1] = -p;
    else escape[k] = p;
  }
  band[0] = diagonal(band, 0, width, escape[0]!);
  for (let k = 0; k + 1 < states; k++) {
    // Row k + 1 has −q in column k: add q/U[k][k] times row k to cancel it.
    const factor = q / band[k * width]!;
    const row = k * width;
    const below = (k + 1) * width;
    for (let j = 1; j < width; j++) band[below + j - 1]! += factor * band[row + j]!;
    escape[k + 1]! += factor * escape[k]!;
    rhs[k + 1]! += factor * rhs[k]!;
    band[below] = diagonal(band, below, width, escape[k + 1]!);
  }
  const t = new Float64Array(states);
  for (let k = states - 1; k >= 0; k--) {
    let sum = rhs[k]!;
    const row = k * width;
    const last = Math.min(width - 1, states - 1 - k);
    for (let j = 1; j <= last; j++) sum -= band[row + j]! * t[k + j]!; // entries ≤ 0: a sum
    t[k] = sum / band[row]!;
  }
  return t[0]!;
}

/**
 * The pivot of a row as its row sum plus the magnitudes of its off-diagonal entries, instead of
 * 1 − Σ(…): every term is non-negative, so no digits cancel even when the ARL is 1e12 and the
 * pivots are tiny (the Grassmann–Taksar–Heyman device, Operations Research 1985).
 */
function diagonal(band: Float64Array, row: number, width: number, rowSum: number): number {
  let pivot = rowSum;
  for (let j = 1; j < width; j++) pivot -= band[row + j]!;
  return pivot;
}

/**
 * Number of transient states of the γ = 1/m chain: the first K whose value K/m reaches h.
 *
 * @param m - the integer 1/γ
 * @param h - the alarm threshold
 * @returns K; 0 when h is so small that S = 0 already reaches it
 *
 * @example
 * ```ts
 * import { transientStates } from './cusumChainArl.js';
 * transientStates(7, 4); // 28
 * ```
 *
 * @internal
 */
export function transientStates(m: number, h: number): number {
  let k = Math.max(0, Math.ceil(m * h) - 1);
  while (k > 0 && reachesThreshold((k - 1) / m, h)) k--;
  while (!reachesThreshold(k / m, h)) k++;
  return k;
}
