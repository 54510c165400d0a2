import type { RebalanceRequest, NonProfilingRequest, Rebalancer, UserState } from '../index.js';
import type { LibraryInstruments } from './libraryInstruments.js';

/** What to count besides each rebalance. @internal */
export interface MeterScope {
  /** Count the interventions each rebalance and assessment suggests. */
  readonly interventions: boolean;
  /**
   * Count level transitions and restarts of the states `observe`, `reset` and `parseState`
   * return. Off where a store counts them once per write instead (the server).
   */
  readonly states: boolean;
}

/** A monotonic clock where the runtime has one (every browser, Node, Deno, Bun, workers). */
const clock = (globalThis as { performance?: { now(): number } }).performance;
const now = clock === undefined ? () => Date.now() : () => clock.now();

/**
 * A rebalancer that counts what `rb` does into `instruments`, and returns exactly what `rb`
 * returns. The counting reads only results: a call that throws counts nothing.
 *
 * @internal
 */
export function meterRebalancer(
  rb: Rebalancer,
  instruments: LibraryInstruments,
  scope: MeterScope,
): Rebalancer {
  const metered: Rebalancer = {
    ...rb,
    rebalance: (request: RebalanceRequest | NonProfilingRequest) => {
      const start = now();
      const result = rb.rebalance(request);
      const seconds = (now() - start) / 1000;
      instruments.rebalanced(result.decision, seconds, scope.interventions);
      return result;
    },
  };
  if (scope.interventions)
    metered.assess = (state, at) => {
      const assessment = rb.assess(state, at);
      instruments.suggested(assessment.interventions);
      return assessment;
    };
  if (scope.states) {
    metered.observe = (state, events) => {
      const after = rb.observe(state, events);
      instruments.written(state, after);
      return after;
    };
    metered.reset = (state) => {
      const after = rb.reset(state);
      instruments.written(state, after);
      return after;
    };
    metered.parseState = (input) => {
      const after = rb.parseState(input);
      instruments.written(storedForm(input), after);
      return after;
    };
  }
  return Object.freeze(metered);
}

/** The state `parseState` was given, as stored: a JSON string is read (it parsed already). */
function storedForm(input: unknown): UserState | undefined {
  if (typeof input === 'string') return JSON.parse(input) as UserState;
  return typeof input === 'object' && input !== null ? (input as UserState) : undefined;
}
