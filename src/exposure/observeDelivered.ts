import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import { LIMITS } from '../validate/limits.js';
import { DELIVERY_LIMITS } from '../delivery/limits.js';
import { hashEventId } from '../delivery/hashEventId.js';
import { canonicalOffset, compareOffsets } from '../delivery/offsets.js';
import type { DeliveryState } from '../delivery/types.js';
import { observeImpressions } from './observe.js';
import type { ObserveContext, ObserveWorkspace } from './observeContext.js';
import { sealState } from './sealState.js';
import type { UserState } from './types.js';

const { eventIds, hashLength, sources, eventIdLength, sourceLength } = DELIVERY_LIMITS;

/** Validated delivery options: the source and one canonical offset per event. */
interface Delivery {
  readonly source: string;
  /** One offset for every event, or one per event. */
  readonly offsets: string | readonly string[];
}

/**
 * `observe` with exactly-once delivery: events already folded are skipped before the fold.
 *
 * An event is skipped when `options` give it an offset at or below its source's mark as the call
 * starts (exact for an ordered source), or when it carries an `eventId` whose hash is among the
 * newest {@link DELIVERY_LIMITS}.eventIds ids the state folded, or an earlier event of the same
 * call has it. A skipped event is read no further than its `eventId`. Afterwards the state
 * remembers the hashes of the ids folded (the oldest dropped beyond the bound) and the source's
 * mark is the highest offset given, the source moved to the end of the marks (dropping the least
 * recently advanced beyond {@link DELIVERY_LIMITS}.sources). Without ids and options this is
 * `observeImpressions` itself, at no cost but one property read per event.
 *
 * @internal
 */
export function observeDelivered(
  ctx: ObserveContext,
  work: ObserveWorkspace,
  state: UserState,
  input: unknown,
  options: unknown,
  api: string,
): UserState {
  const list: readonly unknown[] = Array.isArray(input) ? input : [input];
  if (list.length > LIMITS.impressionsPerCall)
    return observeImpressions(ctx, work, state, input, api);
  let hashes: (string | null)[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const id = readEventId(list[i], i, api);
    if (id === null) continue;
    hashes ??= new Array<string | null>(list.length).fill(null);
    hashes[i] = hashEventId(id);
  }
  if (options === undefined && hashes === null)
    return observeImpressions(ctx, work, state, input, api);
  const delivery = options === undefined ? null : readOptions(options, list.length, api);
  const prior = state.delivery;
  let marks = prior?.marks ?? [];
  let markAt = -1;
  let mark: string | null = null;
  if (delivery !== null)
    for (let m = 0; m < marks.length; m++)
      if (marks[m]![0] === delivery.source) {
        markAt = m;
        mark = marks[m]![1];
      }
  let ids = prior?.ids ?? '';
  const seen = hashes === null ? null : memoryOf(ids);
  const kept: unknown[] = [];
  const keptIndex: number[] = [];
  let added = '';
  for (let i = 0; i < list.length; i++) {
    if (mark !== null && compareOffsets(offsetAt(delivery!, i), mark) <= 0) continue;
    const hash = hashes?.[i] ?? null;
    if (hash !== null) {
      if (seen!.has(hash)) continue;
      seen!.add(hash);
      added += hash;
    }
    kept.push(list[i]);
    keptIndex.push(i);
  }
  if (added !== '') {
    ids += added;
    if (ids.length > eventIds * hashLength) ids = ids.slice(ids.length - eventIds * hashLength);
  }
  if (delivery !== null && list.length > 0) {
    const last = offsetAt(delivery, list.length - 1);
    if (mark === null || compareOffsets(last, mark) > 0) {
      const next = marks.filter((_, m) => m !== markAt);
      next.push(Object.freeze([delivery.source, last] as const));
      marks = Object.freeze(next.length > sources ? next.slice(next.length - sources) : next);
    }
  }
  const changed = ids !== (prior?.ids ?? '') || marks !== (prior?.marks ?? []);
  if (kept.length === 0 && !changed) return state;
  const folded =
    kept.length === list.length
      ? observeImpressions(ctx, work, state, input, api)
      : observeFiltered(ctx, work, state, kept, keptIndex, api);
  if (!changed) return folded;
  const memory: DeliveryState = Object.freeze({ ids, marks });
  return work.trusted.trust(sealState({ ...folded, delivery: memory }, folded));
}

/** Folds the events kept, with errors naming each event by its index in the caller's list. */
function observeFiltered(
  ctx: ObserveContext,
  work: ObserveWorkspace,
  state: UserState,
  kept: readonly unknown[],
  keptIndex: readonly number[],
  api: string,
): UserState {
  try {
    return observeImpressions(ctx, work, state, kept, api);
  } catch (error) {
    if (!(error instanceof RebalanceError)) throw error;
    const m = /^impressions\[(\d+)\]/.exec(error.path ?? '');
    if (m === null) throw error;
    const from = `impressions[${m[1]}]`;
    const to = `impressions[${keptIndex[Number(m[1])]}]`;
    throw new RebalanceError(
      error.code,
      error.message.replace(from, to),
      to + error.path!.slice(from.length),
      { cause: error.cause },
    );
  }
}

/** The event's `eventId`: `null` when it has none (or is not an object: observe rejects it). */
function readEventId(event: unknown, index: number, api: string): string | null {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return null;
  let id: unknown;
  try {
    id = (event as { eventId?: unknown }).eventId;
  } catch (cause) {
    throw new RebalanceError(
      'impression',
      `${api}: impressions[${index}].eventId could not be read (its getter threw)`,
      `impressions[${index}].eventId`,
      { cause },
    );
  }
  if (id === undefined) return null;
  if (typeof id !== 'string' || id.length === 0 || id.length > eventIdLength)
    throw new RebalanceError(
      'impression',
      `${api}: impressions[${index}].eventId must be a string of 1 to ${eventIdLength} characters (got ${describeValue(id)})`,
      `impressions[${index}].eventId`,
    );
  return id;
}

/** Validates `{ source, offset }`: one offset, or one per event, never decreasing. */
function readOptions(options: unknown, count: number, api: string): Delivery {
  const fail = (path: string, rule: string, got: unknown): never => {
    throw new RebalanceError(
      'argument',
      `${api}: ${path} ${rule} (got ${describeValue(got)})`,
      path,
    );
  };
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    fail('options', 'must be an object { source, offset }', options);
  let source: unknown, offset: unknown;
  try {
    ({ source, offset } = options as Record<string, unknown>);
  } catch (cause) {
    throw new RebalanceError('argument', `${api}: options could not be read`, 'options', {
      cause,
    });
  }
  if (typeof source !== 'string' || source.length === 0 || source.length > sourceLength)
    fail('options.source', `must be a string of 1 to ${sourceLength} characters`, source);
  const rule =
    'must be a non-negative safe integer, or a string of an integer or a stream id "ms-seq" (at most 20 digits each)';
  if (!Array.isArray(offset)) {
    const one = canonicalOffset(offset);
    if (one === null) fail('options.offset', rule, offset);
    return { source: source as string, offsets: one! };
  }
  if (offset.length !== count)
    fail('options.offset', `must hold one offset per event (${count})`, offset);
  const offsets: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const one = canonicalOffset(offset[i]);
    if (one === null) fail(`options.offset[${i}]`, rule, offset[i]);
    if (i > 0 && compareOffsets(offsets[i - 1]!, one!) > 0)
      fail(
        `options.offset[${i}]`,
        `must not be below the offset before it (${offsets[i - 1]!})`,
        offset[i],
      );
    offsets[i] = one!;
  }
  return { source: source as string, offsets };
}

function offsetAt(delivery: Delivery, i: number): string {
  const { offsets } = delivery;
  return typeof offsets === 'string' ? offsets : offsets[i]!;
}

function memoryOf(ids: string): Set<string> {
  const set = new Set<string>();
  for (let k = 0; k < ids.length; k += hashLength) set.add(ids.slice(k, k + hashLength));
  return set;
}
