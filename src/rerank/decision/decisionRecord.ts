import type { Level } from '../../detect/levels.js';
import type { Assessment } from '../../exposure/types.js';
import type { DroppedItem } from '../types.js';
import type { Decision, DecisionChange, DecisionIntervention } from './types.js';

/**
 * What the engine tallies for the record while it builds the slots, so the record costs no
 * second pass over them: the changed slots, and the recovery slots per group in order of first
 * appearance. @internal
 */
export interface ServedTally {
  /** The slots that differ from the host's order (`NO_CHANGES` when none do). */
  readonly changes: readonly DecisionChange[];
  /** Group ids of the recovery slots' groups, in order of first appearance. */
  readonly recoveryGroups: readonly string[];
  /** Per entry of `recoveryGroups`, its recovery slots. */
  readonly recoveryCounts: readonly number[];
  /** Every group's level (the request's actions keep them, made once per combination). */
  readonly levels: Readonly<Record<string, Level>>;
}

/** The change list of a feed nothing moved in: shared, so it allocates nothing. @internal */
export const NO_CHANGES: readonly DecisionChange[] = Object.freeze([]);
const NO_INTERVENTIONS: readonly DecisionIntervention[] = Object.freeze([]);

/**
 * The decision record of one request.
 *
 * The record is built with the result, as plain data (`JSON.stringify`, spreads and
 * `structuredClone` keep it). Building it lazily behind a getter was measured slower: an object
 * literal with an accessor and a closure per request cost more than the record itself.
 *
 * @param policy - the resolved policy's fingerprint (`policyFingerprint`)
 * @param tally - what the engine counted while it served the slots
 * @param served - how many slots the policy serves
 * @param dropped - the candidates the policy does not serve
 * @param assessment - what the decision was based on
 * @param hostServed - how many slots the host's own order serves (candidates up to `size`)
 * @param shadow - whether the request was made in shadow mode
 * @internal
 */
export function decisionRecord(
  policy: string,
  tally: ServedTally,
  served: number,
  dropped: readonly DroppedItem[],
  assessment: Assessment,
  hostServed: number,
  shadow: boolean,
): Decision {
  const recovery = Object.create(null) as Record<string, number>;
  for (let k = 0; k < tally.recoveryGroups.length; k++)
    recovery[tally.recoveryGroups[k]!] = tally.recoveryCounts[k]!;
  const drops = Object.create(null) as Record<string, number>;
  const byReason = new Tally();
  for (let d = 0; d < dropped.length; d++) byReason.add(dropped[d]!.reason);
  for (let k = 0; k < byReason.keys.length; k++) drops[byReason.keys[k]!] = byReason.counts[k]!;
  const suggested = assessment.interventions;
  let interventions = NO_INTERVENTIONS;
  if (suggested.length > 0) {
    const list = new Array<DecisionIntervention>(suggested.length);
    for (let i = 0; i < suggested.length; i++)
      list[i] = { kind: suggested[i]!.kind, group: suggested[i]!.group };
    interventions = list;
  }
  const { changes } = tally;
  return {
    version: 1,
    policy,
    shadow,
    levels: tally.levels,
    served,
    changedSlots: changes.length + (hostServed > served ? hostServed - served : 0),
    changes,
    drops,
    recovery,
    interventions,
  };
}

/** Distinct keys a {@link Tally} scans before it hands over to a `Map`. */
const SCANNED_KEYS = 16;

/**
 * Counts of strings, in order of first arrival. Drop reasons come from a few strings the engine
 * shares (`size`, `cap:<group>`, …), so the usual handful is found by a linear scan of identity
 * checks: a keyed store into a dictionary object, or a `Map`, cost more than the rest of the
 * record (benchmarks/rebalance.bench.ts). "See less" can add one reason per target of the
 * taxonomy, so past {@link SCANNED_KEYS} of them a `Map` answers and the time stays linear.
 */
class Tally {
  readonly keys: string[] = [];
  readonly counts: number[] = [];
  private index: Map<string, number> | null = null;

  add(key: string): void {
    const { keys } = this;
    let k = -1;
    if (this.index !== null) k = this.index.get(key) ?? -1;
    else
      for (let j = 0; j < keys.length; j++)
        if (keys[j] === key) {
          k = j;
          break;
        }
    if (k >= 0) {
      this.counts[k]! += 1;
      return;
    }
    if (this.index === null && keys.length === SCANNED_KEYS)
      this.index = new Map(keys.map((known, j) => [known, j]));
    this.index?.set(key, keys.length);
    keys.push(key);
    this.counts.push(1);
  }
}
