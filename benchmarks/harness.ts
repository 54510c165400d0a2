/**
 * A small benchmark harness. Every figure is reported as a ratio against a baseline measured in
 * the same run, because absolute times on shared machines are noise.
 */

/**
 * Nanoseconds per call of `fn`: the median of `samples` timing windows, each at least `minMs`
 * long, after `warmupMs` of warm-up.
 */
export function measure(
  fn: () => unknown,
  { samples = 9, minMs = 60, warmupMs = 400 } = {},
): number {
  // Warm up long enough for the JIT to optimise `fn` and everything it calls, and find a batch
  // size that makes one timing window large against the timer's resolution.
  let batch = 1;
  const warmupStart = performance.now();
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) sink(fn());
    const elapsed = performance.now() - t0;
    if (elapsed >= minMs / 8 && performance.now() - warmupStart >= warmupMs) break;
    if (elapsed < minMs / 8) batch *= 2;
  }
  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    let calls = 0;
    let elapsed = 0;
    do {
      for (let i = 0; i < batch; i++) sink(fn());
      calls += batch;
      elapsed = performance.now() - t0;
    } while (elapsed < minMs);
    perCall.push((elapsed * 1e6) / calls);
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(perCall.length / 2)]!;
}

let sinkValue: unknown;
/** Keeps results alive so the optimiser cannot remove the measured work. */
function sink(value: unknown): void {
  sinkValue = value;
}
/** Reads the sink so it is not dead code. */
export function sunk(): unknown {
  return sinkValue;
}

/** One line of the results table. */
export interface BenchRow {
  /** What is measured. */
  readonly name: string;
  /** The figure: a ratio to the baseline unless `unit` says otherwise. */
  readonly value: number;
  /** Unit of `value`: `×` for ratios. */
  readonly unit: string;
  /** The baseline it is measured against. */
  readonly baseline: string;
  /** The target, as text (`≤ 1.0×`). */
  readonly target: string;
  /** Whether the target is met; `null` when there is none. */
  readonly ok: boolean | null;
}

/** A ratio row with a ≤ target. */
export function ratioAtMost(
  name: string,
  subjectNs: number,
  baselineNs: number,
  baseline: string,
  max: number,
): BenchRow {
  const value = subjectNs / baselineNs;
  return { name, value, unit: '×', baseline, target: `≤ ${max}×`, ok: value <= max };
}

/** A ratio row with a ≥ target. */
export function ratioAtLeast(name: string, value: number, baseline: string, min: number): BenchRow {
  return { name, value, unit: '×', baseline, target: `≥ ${min}×`, ok: value >= min };
}

/** A plain figure without a target (sizes, counts, rates). */
export function figure(
  name: string,
  value: number,
  unit: string,
  baseline = '—',
  target = '—',
  ok: boolean | null = null,
): BenchRow {
  return { name, value, unit, baseline, target, ok };
}

/** A benchmark suite: a title and a function producing its rows. */
export interface BenchSuite {
  readonly title: string;
  run(): Promise<readonly BenchRow[]> | readonly BenchRow[];
}
