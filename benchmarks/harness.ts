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
  // Warm up long enough for the JIT to optimise `fn` and everything it calls, with a batch size
  // that makes one timing window large against the timer's resolution.
  const batch = warm(fn, minMs, warmupMs);
  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) perCall.push(window(fn, batch, minMs));
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(perCall.length / 2)]!;
}

/**
 * The ratio subject/baseline of two functions' costs, measured in alternating timing windows
 * (subject, baseline, subject, …) after a joint warm-up, as the median of the per-pair ratios.
 * Alternating keeps slow drifts of a shared machine (a neighbour's load, a frequency change) from
 * landing on one side only, which two separate `measure` calls cannot promise.
 */
export function measureRatio(
  subject: () => unknown,
  baseline: () => unknown,
  { pairs = 15, minMs = 40, warmupMs = 400 } = {},
): number {
  const subjectBatch = warm(subject, minMs, warmupMs / 2);
  const baselineBatch = warm(baseline, minMs, warmupMs / 2);
  const ratios: number[] = [];
  for (let k = 0; k < pairs; k++) {
    ratios.push(window(subject, subjectBatch, minMs) / window(baseline, baselineBatch, minMs));
  }
  ratios.sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)]!;
}

/** Runs `fn` for `warmupMs` and returns a batch size whose run takes about `minMs / 8`. */
function warm(fn: () => unknown, minMs: number, warmupMs: number): number {
  let batch = 1;
  const start = performance.now();
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) sink(fn());
    const elapsed = performance.now() - t0;
    if (elapsed >= minMs / 8 && performance.now() - start >= warmupMs) return batch;
    if (elapsed < minMs / 8) batch *= 2;
  }
}

/** Nanoseconds per call of `fn` over one window of at least `minMs`. */
function window(fn: () => unknown, batch: number, minMs: number): number {
  const t0 = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) sink(fn());
    calls += batch;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  return (elapsed * 1e6) / calls;
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
  /**
   * In how many fresh processes the suite runs (odd; 1 when absent). Each row is then the run
   * whose figure is the median of that row's figures. What the compiler makes of a suite varies
   * from process to process: one process's figure for the same code spread by a fifth, and a
   * target near the middle of that spread read as met or missed by chance.
   */
  readonly processes?: number;
}
