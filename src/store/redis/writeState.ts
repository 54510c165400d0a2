import { setTimeout as sleep } from 'node:timers/promises';
import { RebalanceError } from '../../errors/RebalanceError.js';
import { parseState } from '../../exposure/stateShape.js';
import type { UserState } from '../../exposure/types.js';
import { needFolder } from '../appendEvents.js';
import { checkUpdateResult } from '../checkUpdate.js';
import type { EventFolder, StateUpdate } from '../types.js';
import { notifyWrite } from '../writeListener.js';
import type { AppendQueue } from './AppendQueue.js';
import type { UserMemo } from '../UserMemo.js';
import type { UserKeys } from './keys.js';
import { foldEntries } from './foldEntries.js';
import type { ResolvedRedisStoreOptions } from './options.js';
import type { ParsedStates, Snapshot, StoredReply } from './ParsedStates.js';
import { queueDelay } from './queueDelay.js';
import { runScript, type Commands } from './runScript.js';
import { ACQUIRE, CHECK_AND_SET, READ, RELEASE } from './scripts.js';

/** What a write needs from its store. @internal */
export interface WriteContext {
  readonly options: ResolvedRedisStoreOptions;
  readonly client: Commands;
  readonly parsed: ParsedStates;
  /** The client's queue of writes made at once, which the folds' writes travel with. */
  readonly appends: AppendQueue;
  /** A token unique to this call across processes (for versions, leases and entries). */
  readonly token: () => string;
  /** The keys of the users this store handled lately (a user's keys cost a SHA-256). */
  readonly keys: UserMemo<UserKeys>;
}

/**
 * How long a queued writer counts as alive after it last asked for the lease: many times the
 * longest wait between two asks (20 ms), so only a writer that stopped asking is dropped.
 */
const STALE_MS = 500;

/**
 * `RedisStateStore.update`: fold the pending log, apply `fn`, check-and-set (scripts.ts).
 *
 * 1. Optimistic: start from the snapshot this replica remembers, if any, and send only the
 *    check-and-set (one round trip). If the state or the log changed meanwhile, the script
 *    answers with what is stored and the update runs again at once on it.
 * 2. A writer that loses on what it has just read (another writer got in) or finds others
 *    queued joins the user's queue: a sorted set in Redis that grants a lease to the first in
 *    line once the lease is free. Holding it, the writer reads, folds, applies `fn` and writes;
 *    the write releases the lease, and the next in line takes it. Writers therefore take turns
 *    in arrival order instead of re-reading and losing again, and each wait is about the time
 *    the writers ahead of it take. The lease is only for liveness and fairness: the
 *    check-and-set still guards every write, so an expired lease (a holder stalled longer than
 *    `leaseMs`) costs a retry, never a lost update. A crashed holder's lease expires by itself,
 *    and a crashed waiter leaves the queue once it stops asking.
 * 3. An update that has waited `maxWaitMs` in the queue fails with code `conflict`, having
 *    written nothing.
 *
 * @internal
 */
export async function writeState(
  ctx: WriteContext,
  api: string,
  keys: UserKeys,
  fn: StateUpdate,
): Promise<UserState> {
  const remembered = ctx.parsed.snapshot(keys.state);
  let from = remembered ?? (await read(ctx, api, keys));
  // A remembered snapshot may be out of date: the write must then find the log unchanged too.
  let exact = remembered !== undefined;
  const lease = ctx.token();
  let holding = false;
  let queued = false;
  let deadline = Infinity;
  try {
    for (;;) {
      const written = await attempt(ctx, api, keys, from, fn, exact, holding ? lease : '', false);
      if (!Array.isArray(written)) {
        // The write released the lease; taking it removed this writer from the queue.
        queued = false;
        return written;
      }
      const reply = written;
      if (reply[0] === 0 || (!exact && !holding)) {
        if (!queued) deadline = performance.now() + ctx.options.maxWaitMs;
        queued = true;
        from = await acquire(ctx, api, keys, lease, deadline);
        holding = true;
      } else {
        // Out of date (a remembered snapshot), or another write got in under this writer's
        // lease (a delete, or the lease expired): again at once from what is stored.
        if (performance.now() > deadline) throw conflict(api, ctx.options.maxWaitMs);
        from = ctx.parsed.read(api, keys.state, reply.slice(1) as unknown as StoredReply);
      }
      exact = false;
    }
  } finally {
    if (queued) await release(ctx, api, keys, lease);
  }
}

/**
 * The fold an append starts: fold the log into the state and write it with the check-and-set,
 * from what the append's own script answered (`stored`), or else from a read. One attempt: when
 * it loses, another writer has folded or is about to (every write folds). The write travels with
 * the other folds' writes made at once (one script call per hash slot).
 *
 * @internal
 */
export async function foldLog(
  ctx: WriteContext,
  api: string,
  keys: UserKeys,
  stored?: StoredReply,
): Promise<void> {
  const from =
    stored === undefined ? await read(ctx, api, keys) : ctx.parsed.read(api, keys.state, stored);
  if (from.entries.length > 0) await attempt(ctx, api, keys, from, same, false, '', true);
}

function same(state: UserState | undefined): UserState {
  return state!;
}

/**
 * Whether the rebalancer vouches for `state`: a rebalancer remembers the states its own `observe`
 * returned lately, and its `parseState` answers such a state with itself, without validating it
 * again. What a fold writes is what `observe` has just returned, so the rebalancer's word saves
 * validating the whole state a second time; a folder without `parseState`, or one that answers
 * with another object, has the state validated as any other.
 */
function vouched(folder: EventFolder | undefined, state: UserState): boolean {
  const parse = (folder as { readonly parseState?: unknown } | undefined)?.parseState;
  if (typeof parse !== 'function') return false;
  try {
    return (parse as (input: unknown) => unknown).call(folder, state) === state;
  } catch {
    return false;
  }
}

/** `{0, rank}`: others hold the lease or the queue. `{1, token, json, entries}`: changed. */
type Reply = [0 | 1, ...unknown[]];

/** One check-and-set; the state written, or the script's refusal. */
async function attempt(
  ctx: WriteContext,
  api: string,
  keys: UserKeys,
  from: Snapshot,
  fn: StateUpdate,
  exact: boolean,
  lease: string,
  fold: boolean,
): Promise<UserState | Reply> {
  const n = from.entries.length;
  // A snapshot a read has folded already (get, then update) is not folded again.
  const base =
    n === 0
      ? from.state
      : (from.folded ??
        foldEntries(api, needFolder(api, ctx.options.folder), from.state, from.entries));
  const next = fn(base);
  checkUpdateResult(api, next);
  // A state kept as it was is written back as the very JSON it was read from.
  const kept = next === from.state && from.json !== null && n === 0;
  const state = kept || (fold && vouched(ctx.options.folder, next)) ? next : parseState(next, api);
  // `state` is valid (a fresh copy parseState has just made, or one the rebalancer vouches for):
  // it is written as it is, not validated a second time as serializeState would.
  const json = kept ? from.json : JSON.stringify(state);
  const token = ctx.token();
  const casKeys = [keys.state, keys.log, keys.lease, keys.queue];
  const args = [
    from.token,
    from.entries[0] ?? '',
    String(n),
    exact ? '1' : '0',
    token,
    json,
    ctx.options.ttl,
    lease,
  ];
  const reply = fold
    ? await ctx.appends.checkAndSet(api, casKeys, args)
    : await runScript(ctx.client, api, CHECK_AND_SET, casKeys, args);
  if (reply !== token) return reply as Reply;
  ctx.parsed.remember(keys.state, { token, json, state, entries: [] });
  // The check-and-set found the token read with `from`: `from.state` is what this replaced.
  notifyWrite(ctx.options.onWrite, from.state, state);
  return state;
}

async function read(ctx: WriteContext, api: string, keys: UserKeys): Promise<Snapshot> {
  const reply = await runScript(ctx.client, api, READ, [keys.state, keys.log], []);
  return ctx.parsed.read(api, keys.state, reply as StoredReply);
}

/** Waits in the user's queue until this writer holds the lease; what is stored then. */
async function acquire(
  ctx: WriteContext,
  api: string,
  keys: UserKeys,
  lease: string,
  deadline: number,
): Promise<Snapshot> {
  const o = ctx.options;
  for (;;) {
    const reply = (await runScript(
      ctx.client,
      api,
      ACQUIRE,
      [keys.state, keys.log, keys.lease, keys.queue, keys.seen],
      [lease, String(o.leaseMs), String(STALE_MS)],
    )) as [0 | 1, ...unknown[]];
    if (reply[0] === 1)
      return ctx.parsed.read(api, keys.state, reply.slice(1) as unknown as StoredReply);
    if (performance.now() >= deadline) throw conflict(api, o.maxWaitMs);
    await sleep(queueDelay(reply[1] as number, o.random));
  }
}

/** Gives up the lease or the place in the queue; a failure is left to the lease's expiry. */
async function release(ctx: WriteContext, api: string, keys: UserKeys, lease: string) {
  await runScript(ctx.client, api, RELEASE, [keys.lease, keys.queue, keys.seen], [lease]).catch(
    () => undefined,
  );
}

function conflict(api: string, maxWaitMs: number): RebalanceError {
  return new RebalanceError(
    'conflict',
    `${api}: waited ${maxWaitMs} ms (maxWaitMs) for its turn behind other writers of this user; nothing was written`,
  );
}
