import type { Slot } from '../../rerank/types.js';
import type { Item } from '../../item/types.js';
import { LEVELS } from '../../detect/levels.js';
import type { GuaranteeContext } from '../types.js';
import { CaseContext, type CaseFacts } from './caseFacts.js';
import { groupPolicy } from './groupPolicy.js';
import { seeLessMatches } from './seeLess.js';

export type { CaseFacts } from './caseFacts.js';

/**
 * Checks that the result has the documented shape, so that the other checks can read it: one
 * slot per item with the same id, organic slots pointing at a candidate with that id, recovery
 * slots with `from: null`, dropped entries pointing at candidates, and a level for every group.
 * Returns what is wrong, or `null`.
 *
 * @internal
 */
export function shapeProblem(context: GuaranteeContext): string | null {
  const { result, reference } = context;
  const request = context.snapshot;
  if (typeof result !== 'object' || result === null) return 'the result is not an object';
  if (!isList(result.items) || !isList(result.slots) || !isList(result.dropped))
    return 'the result lacks items, slots or dropped arrays';
  if (!isList(result.rejectedRecovery)) return 'the result lacks a rejectedRecovery array';
  const { items, slots, dropped } = result;
  if (items.length !== slots.length)
    return `the result has ${items.length} items but ${slots.length} slots`;
  const candidates = request.candidates;
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s] as unknown as Slot | null;
    const item = items[s] as unknown as Item | null;
    if (typeof slot !== 'object' || slot === null) return `slot ${s} is not an object`;
    if (typeof item !== 'object' || item === null) return `item ${s} is not an object`;
    if (slot.id !== item.id)
      return `slot ${s} names id ${JSON.stringify(slot.id)} but item ${s} has id ${JSON.stringify(item.id)}`;
    if (!isList(slot.reasons)) return `slot ${s} has no reasons array`;
    if (slot.source === 'organic') {
      const from = slot.from;
      if (
        typeof from !== 'number' ||
        !Number.isInteger(from) ||
        from < 0 ||
        from >= candidates.length
      )
        return `organic slot ${s} has from ${String(from)}, not an index in candidates`;
      if (idOf(candidates[from]) !== slot.id)
        return `organic slot ${s} serves id ${JSON.stringify(slot.id)} but candidates[${from}] has id ${JSON.stringify(idOf(candidates[from]))}`;
    } else if (slot.source === 'recovery') {
      if (slot.from !== null)
        return `recovery slot ${s} has from ${String(slot.from)} instead of null`;
    } else return `slot ${s} has source ${JSON.stringify(slot.source)}`;
  }
  for (let d = 0; d < dropped.length; d++) {
    const entry = dropped[d]!;
    if (
      typeof entry.from !== 'number' ||
      !Number.isInteger(entry.from) ||
      entry.from < 0 ||
      entry.from >= candidates.length
    )
      return `dropped[${d}] has from ${String(entry.from)}, not an index in candidates`;
    if (idOf(candidates[entry.from]) !== entry.id && entry.reason !== 'invalid')
      return `dropped[${d}] names id ${JSON.stringify(entry.id)} but candidates[${entry.from}] has id ${JSON.stringify(idOf(candidates[entry.from]))}`;
  }
  const groups = result.assessment?.groups;
  if (typeof groups !== 'object' || groups === null) return 'the result has no assessment.groups';
  for (const g of reference.groups) {
    const level = Object.prototype.hasOwnProperty.call(groups, g) ? groups[g]?.level : undefined;
    if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level))
      return `assessment.groups[${JSON.stringify(g)}].level is ${String(level)}, not a level`;
  }
  return null;
}

/**
 * The id of an entry if it has a string one, read without letting a getter's error escape:
 * checks must also read results for hostile inputs the target left out as invalid.
 *
 * @internal
 */
export function idOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  try {
    const id: unknown = (item as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** `Array.isArray` without narrowing a typed array to `any[]`. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

/**
 * The facts of a context whose result has the documented shape (see {@link shapeProblem}).
 *
 * @internal
 */
export function factsOf(context: GuaranteeContext): CaseFacts {
  // A context made by createGuaranteeContext keeps its facts, so the checks derive them once.
  if (context instanceof CaseContext) return (context.facts ??= deriveFacts(context));
  return deriveFacts(context);
}

/** The facts of a well-shaped context, derived anew. */
function deriveFacts(context: GuaranteeContext): CaseFacts {
  const { reference, result } = context;
  const request = context.snapshot;
  const groups = reference.groups;
  const G = groups.length;
  const policy = reference.policy;
  const levels = groups.map((g) => result.assessment.groups[g]!.level);
  const actions = levels.map((level, g) => groupPolicy(policy, groups[g]!).levels[level]);
  const candidates = request.candidates;
  const pool = request.recovery ?? [];
  const invalid = new Set<number>();
  for (const d of result.dropped) if (d.reason === 'invalid') invalid.add(d.from);
  // An invalid entry claims no id: a later valid entry with the same id is the first of it.
  const firstOf = new Int32Array(candidates.length);
  const firstById = new Map<string, number>();
  for (let i = 0; i < candidates.length; i++) {
    const id = idOf(candidates[i]);
    const first = id === undefined || invalid.has(i) ? undefined : firstById.get(id);
    if (first === undefined && id !== undefined && !invalid.has(i)) firstById.set(id, i);
    firstOf[i] = first ?? i;
  }
  const seeLess = seeLessMatches(context, candidates);
  const removed = new Uint8Array(candidates.length);
  for (let i = 0; i < candidates.length; i++)
    if (firstOf[i] === i && !invalid.has(i) && seeLess[i]!.length > 0) removed[i] = 1;
  const candidateTriggering = new Uint8Array(candidates.length * G);
  for (let i = 0; i < candidates.length; i++)
    markGroups(context, candidates[i]!, 'triggering', candidateTriggering, i * G);
  const servedTriggering = new Uint8Array(result.items.length * G);
  for (let s = 0; s < result.items.length; s++)
    markGroups(context, result.items[s]!, 'triggering', servedTriggering, s * G);
  const poolTriggering = new Uint8Array(pool.length * G);
  const poolRecovery = new Uint8Array(pool.length * G);
  for (let p = 0; p < pool.length; p++) {
    markGroups(context, pool[p]!, 'triggering', poolTriggering, p * G);
    markGroups(context, pool[p]!, 'recovery', poolRecovery, p * G);
  }
  return {
    groups,
    levels,
    actions,
    candidates,
    pool,
    size: request.size ?? Infinity,
    firstOf,
    invalid,
    seeLess,
    removed,
    candidateTriggering,
    servedTriggering,
    poolTriggering,
    poolRecovery,
    diversifying: actions.some((a) => a.diversify !== null),
  };
}

/** Marks the groups an item counts for: a topic of the group at or above `minConfidence`. */
function markGroups(
  context: GuaranteeContext,
  item: Item,
  role: 'triggering' | 'recovery',
  out: Uint8Array,
  offset: number,
): void {
  const { reference } = context;
  let confidences: Readonly<Record<string, number>>;
  try {
    confidences = reference.classify(item)[role];
  } catch {
    return; // an item the engine cannot read counts for no group
  }
  const groups = reference.groups;
  for (let g = 0; g < groups.length; g++) {
    const c = Object.prototype.hasOwnProperty.call(confidences, groups[g]!)
      ? confidences[groups[g]!]
      : undefined;
    if (c !== undefined && c >= groupPolicy(reference.policy, groups[g]!).minConfidence)
      out[offset + g] = 1;
  }
}

/**
 * Runs a check only on a well-shaped result; otherwise reports why it cannot be checked.
 *
 * @internal
 */
export function withFacts(
  context: GuaranteeContext,
  check: (facts: CaseFacts) => string | null,
): string | null {
  const problem = shapeProblem(context);
  if (problem !== null) return `the result cannot be read: ${problem}`;
  return check(factsOf(context));
}

/**
 * Whether candidate `i` competes for the slots: the first valid candidate with its id, not
 * removed by "see less". Only these can be served or held back by a cap.
 *
 * @internal
 */
export function competes(facts: CaseFacts, i: number): boolean {
  return facts.firstOf[i] === i && !facts.invalid.has(i) && facts.removed[i] === 0;
}

/** `"id" (candidates[3])`, for messages. @internal */
export function nameCandidate(facts: CaseFacts, index: number): string {
  return `${JSON.stringify(idOf(facts.candidates[index]))} (candidates[${index}])`;
}
