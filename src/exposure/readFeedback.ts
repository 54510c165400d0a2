import { unreadableError } from '../validate/fail.js';
import { failImpression, unreadableImpression } from './failImpression.js';
import type { Intervention } from './types.js';

/** A validated feedback event of `observe`. @internal */
export interface Feedback {
  readonly at: number;
  /** The "see less" target, or `null` for an intervention event. */
  readonly seeLess: string | null;
  /** What the host did with an intervention, or `null` for a "see less" event. */
  readonly intervention: {
    readonly type: 'shown' | 'dismissed' | 'accepted';
    readonly kind: Intervention['kind'];
    readonly group: string | null;
  } | null;
}

const TYPES: readonly string[] = ['shown', 'dismissed', 'accepted'];
const KINDS: readonly string[] = ['nudge', 'resources', 'break'];

/**
 * Reads entry `index` of what was given to `observe` as a feedback event — `{ seeLess: { target
 * }, at }` or `{ intervention: { type, kind, group }, at }` — or returns `null` when it is not
 * one (an impression, read elsewhere). Errors carry the exact path
 * (`impressions[3].seeLess.target`) and code `impression`.
 *
 * @internal
 */
export function readFeedback(
  value: unknown,
  index: number,
  api: string,
  seeLessTargets: ReadonlySet<string>,
  groups: ReadonlyMap<string, number>,
): Feedback | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  let seeLess: unknown, intervention: unknown, at: unknown, item: unknown;
  try {
    ({ seeLess, intervention, at, item } = value as Record<string, unknown>);
  } catch (cause) {
    throw unreadableImpression(api, index, cause);
  }
  // An impression, the common case, returns here: nothing below is made for it.
  if (seeLess === undefined && intervention === undefined) return null;
  const fail = (field: string, rule: string, got: unknown): never =>
    failImpression(api, index, field, rule, got);
  if (item !== undefined || (seeLess !== undefined && intervention !== undefined))
    fail('', 'must be one of an impression, a seeLess event or an intervention event', value);
  if (typeof at !== 'number' || !Number.isFinite(at))
    fail('.at', 'must be a finite time in milliseconds', at);
  const read = (obj: unknown, field: string, key: string): unknown => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
      fail(field, 'must be an object', obj);
    try {
      return (obj as Record<string, unknown>)[key];
    } catch (cause) {
      throw unreadableError('impression', api, `impressions[${index}]${field}.${key}`, cause);
    }
  };
  if (seeLess !== undefined) {
    const target = read(seeLess, '.seeLess', 'target');
    if (typeof target !== 'string' || !seeLessTargets.has(target))
      fail(
        '.seeLess.target',
        'must be a group id or a triggering topic id of the taxonomy',
        target,
      );
    return { at: (at as number) + 0, seeLess: target as string, intervention: null };
  }
  const type = read(intervention, '.intervention', 'type');
  if (typeof type !== 'string' || !TYPES.includes(type))
    fail('.intervention.type', "must be 'shown', 'dismissed' or 'accepted'", type);
  const kind = read(intervention, '.intervention', 'kind');
  if (typeof kind !== 'string' || !KINDS.includes(kind))
    fail('.intervention.kind', "must be 'nudge', 'resources' or 'break'", kind);
  const group = read(intervention, '.intervention', 'group') ?? null;
  if (group !== null && (typeof group !== 'string' || !groups.has(group)))
    fail('.intervention.group', 'must be a group id of the taxonomy or null', group);
  return {
    at: (at as number) + 0,
    seeLess: null,
    intervention: {
      type: type as 'shown',
      kind: kind as Intervention['kind'],
      group: group as string | null,
    },
  };
}
