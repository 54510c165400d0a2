/**
 * Test helpers: a run resolved exactly as `simulate` resolves its options, for tests that drive
 * the simulator's parts directly.
 */
import { resolveRun, type RunOptions } from '../../src/simulate/run/resolveRun.js';
import type { RunSpec } from '../../src/simulate/run/RunSpec.js';

export function runSpec(options: RunOptions, policy: unknown = 'off'): RunSpec {
  return resolveRun('simulate', options, policy, 'policy').spec;
}
