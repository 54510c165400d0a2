import seedrandom from 'seedrandom';

/** A detector under simulation: `push` feeds one impression and says whether it alarms. */
export interface SimulatedDetector {
  reset(): void;
  push(x: 0 | 1): boolean;
}

/** Mean and standard error of the time to the first alarm over `reps` seeded Bernoulli(p) streams. */
export function simulateAlarmTime(
  detector: SimulatedDetector,
  p: number,
  reps: number,
  seed: string,
): { mean: number; se: number } {
  const random = seedrandom(seed);
  let sum = 0;
  let squares = 0;
  for (let r = 0; r < reps; r++) {
    detector.reset();
    let n = 0;
    for (;;) {
      n++;
      if (detector.push(random() < p ? 1 : 0)) break;
    }
    sum += n;
    squares += n * n;
  }
  const mean = sum / reps;
  const variance = (squares - reps * mean * mean) / (reps - 1);
  return { mean, se: Math.sqrt(variance / reps) };
}

/**
 * Brute-force oracle: expected steps to absorption of a finite chain driven by Bernoulli(p)
 * impressions. States are discovered from `start` by applying `next(state, x)` (`null` = alarm),
 * then (I − Q) t = 1 is solved by dense Gaussian elimination in the Grassmann–Taksar–Heyman form
 * (Operations Research 1985): each pivot is rebuilt from the row's absorption probability and
 * off-diagonal magnitudes, so nothing cancels and the solution keeps ~13 significant digits even
 * when the ARL is 1e15 (a plain LU solve loses about log10(ARL) of them).
 */
export function denseArl<S extends string | number>(
  start: S,
  next: (state: S, x: 0 | 1) => S | null,
  p: number,
): { arl: number; states: number } {
  const index = new Map<S, number>([[start, 0]]);
  const order: S[] = [start];
  const edges: [number, number | null, number | null][] = [];
  for (let i = 0; i < order.length; i++) {
    const targets = ([0, 1] as const).map((x) => {
      const to = next(order[i]!, x);
      if (to === null) return null;
      if (!index.has(to)) {
        index.set(to, order.length);
        order.push(to);
      }
      return index.get(to)!;
    });
    edges.push([i, targets[0]!, targets[1]!]);
  }
  const n = order.length;
  const a = new Float64Array(n * n); // off-diagonal entries of I − Q (≤ 0); diagonal rebuilt
  const escape = new Float64Array(n); // one-step absorption probability = row sum of I − Q
  for (const [i, to0, to1] of edges) {
    for (const [to, weight] of [
      [to0, 1 - p],
      [to1, p],
    ] as const) {
      if (to === null) escape[i]! += weight;
      else if (to !== i) a[i * n + to]! -= weight;
    }
  }
  const rhs = new Float64Array(n).fill(1);
  const pivot = (k: number): number => {
    let d = escape[k]!;
    for (let j = k + 1; j < n; j++) d -= a[k * n + j]!;
    return d;
  };
  for (let k = 0; k < n; k++) {
    const dk = pivot(k);
    for (let i = k + 1; i < n; i++) {
      const below = a[i * n + k]!;
      if (below === 0) continue;
      const f = -below / dk;
      a[i * n + k] = 0;
      for (let j = k + 1; j < n; j++) if (j !== i) a[i * n + j]! += f * a[k * n + j]!;
      escape[i]! += f * escape[k]!;
      rhs[i]! += f * rhs[k]!;
    }
  }
  const t = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    let sum = rhs[k]!;
    for (let j = k + 1; j < n; j++) sum -= a[k * n + j]! * t[j]!;
    t[k] = sum / pivot(k);
  }
  return { arl: t[0]!, states: n };
}

/** |a − b| / |b|. */
export function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}
