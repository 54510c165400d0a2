import { SEE_LESS } from '../../index.js';
import type { Rebalancer } from '../../facade/types.js';
import type { Item } from '../../item/types.js';
import type { GuaranteeContext } from '../types.js';
import { groupPolicy } from './groupPolicy.js';

const DAY_MS = 86_400_000;
const NONE: readonly string[] = Object.freeze([]);

/**
 * Whether `target` is something a person can ask to see less of with this engine: a group id, or
 * a triggering topic id of its taxonomy (recovery topics are what the policy offers instead).
 * A topic's role is read through `classify`, the engine's public face: an item carrying only
 * that topic is triggering for a group exactly when the topic is a triggering one.
 *
 * @internal
 */
export function isSeeLessTarget(reference: Rebalancer, target: string): boolean {
  return reference.groups.includes(target) || isTriggeringTopic(reference, target);
}

function isTriggeringTopic(reference: Rebalancer, topic: string): boolean {
  return triggeringGroupOf(reference, topic) !== null;
}

/**
 * The group whose triggering topic `topic` is, or `null` when it is none: one `classify` of a
 * one-topic item, cheap enough to ask anew each time rather than remember per engine.
 */
function triggeringGroupOf(reference: Rebalancer, topic: string): string | null {
  try {
    const triggering = reference.classify({ id: 'probe', topics: [topic] }).triggering;
    return Object.keys(triggering)[0] ?? null;
  } catch {
    return null; // not a topic id the engine can read, so no topic of its taxonomy
  }
}

/**
 * The "see less" feedback in force for a request: target → when it was given. Feedback is in
 * force while the request time is less than `SEE_LESS.removeDays` (14) days after the latest
 * feedback on the target; the request time is `at`, else the state's last impression time, else
 * the latest feedback's time (feedback given just now is in force). A request with
 * `profiling: false` reads no state, so no feedback is in force.
 *
 * @internal
 */
export function seeLessInForce(context: GuaranteeContext): ReadonlyMap<string, number> {
  const request = context.snapshot;
  const inForce = new Map<string, number>();
  if (request.profiling === false) return inForce;
  const entries = request.state.seeLess;
  if (entries === undefined || entries.length === 0) return inForce;
  const latest = new Map<string, number>();
  let newest = -Infinity;
  for (const [target, at] of entries) {
    if (!(at <= (latest.get(target) ?? -Infinity))) latest.set(target, at);
    if (at > newest) newest = at;
  }
  const when = request.at ?? request.state.lastAt ?? newest;
  const removal = SEE_LESS.removeDays * DAY_MS;
  for (const [target, at] of latest)
    if (when - at < removal && isSeeLessTarget(context.reference, target)) inForce.set(target, at);
  return inForce;
}

/**
 * Per item, the targets in force it matches: a group it is triggering for, or a topic it carries,
 * at its group's `minConfidence` or more (by the engine's `classify`); an empty list
 * for most items. An item the engine cannot read matches nothing.
 *
 * @internal
 */
export function seeLessMatches(
  context: GuaranteeContext,
  items: readonly Item[],
): readonly (readonly string[])[] {
  const inForce = seeLessInForce(context);
  if (inForce.size === 0) return items.map(() => NONE);
  const { reference } = context;
  const policy = reference.policy;
  return items.map((item) => {
    let cls;
    try {
      cls = reference.classify(item);
    } catch {
      return NONE;
    }
    const out: string[] = [];
    for (const target of inForce.keys()) {
      // A target is a group id or a triggering topic id, each read at its group's threshold.
      const group = reference.groups.includes(target)
        ? target
        : triggeringGroupOf(reference, target);
      if (group === null) continue;
      const score =
        group === target ? confidence(cls.triggering, target) : confidence(cls.topics, target);
      if (score > 0 && score >= groupPolicy(policy, group).minConfidence) out.push(target);
    }
    return out.length === 0 ? NONE : out;
  });
}

function confidence(record: Readonly<Record<string, number>>, key: string): number {
  return Object.prototype.hasOwnProperty.call(record, key) ? (record[key] ?? 0) : 0;
}

/**
 * `seeLess:a` or `seeLess:a or seeLess:b`, for messages.
 *
 * @internal
 */
export function seeLessReasons(targets: readonly string[]): string {
  return targets.map((t) => `seeLess:${t}`).join(' or ');
}
