import { hashSlot } from './hashSlot.js';
import type { UserKeys } from './keys.js';
import type { StoredReply } from './ParsedStates.js';
import { runScript, type Commands } from './runScript.js';
import { APPEND, CHECK_AND_SET_MANY, type Script } from './scripts.js';

/** The property of a client that holds its queue: every store on the client shares it. */
const QUEUE: unique symbol = Symbol('feed-rebalancer append queue');

/** Most users one script call carries: it runs to completion before anything else on Redis. */
const MAX_USERS_PER_CALL = 128;

/**
 * What an append answers: the log's new length (minus its length when it was full and nothing
 * was appended), or, when the append made the log a multiple of the fold interval, that length
 * with what is stored (`[length, token, json, entries]`), for the fold it sets off.
 *
 * @internal
 */
export type AppendReply = number | readonly [number, ...StoredReply];

/**
 * Where the replies of writes made together go: one promise for all of them, so that a batch of
 * a hundred appends costs one promise rather than a hundred.
 */
class Sink {
  readonly replies: unknown[];
  #remaining: number;
  #settled = false;
  readonly promise: Promise<unknown[]>;
  #resolve!: (replies: unknown[]) => void;
  #reject!: (error: unknown) => void;

  constructor(count: number) {
    this.replies = new Array<unknown>(count);
    this.#remaining = count;
    this.promise = new Promise<unknown[]>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (count === 0) this.#resolve(this.replies);
  }

  put(index: number, reply: unknown): void {
    this.replies[index] = reply;
    if (--this.#remaining === 0 && !this.#settled) {
      this.#settled = true;
      this.#resolve(this.replies);
    }
  }

  fail(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#reject(error);
  }
}

/** One script call waiting to be sent with others of its kind and slot. */
interface Waiting {
  readonly api: string;
  readonly keys: readonly string[];
  readonly args: readonly string[];
  readonly sink: Sink;
  /** Its place among the sink's replies. */
  readonly index: number;
}

/** One append of {@link AppendQueue.pushAll}. @internal */
export interface AppendCall {
  readonly keys: UserKeys;
  readonly entry: string;
}

/** Calls that one multi-user script can carry: same script, same slot, same shared arguments. */
interface Group {
  readonly script: Script;
  /** Arguments that come before the per-call ones, the same for every call of the group. */
  readonly shared: readonly string[];
  readonly calls: Waiting[];
}

/**
 * Gathers the writes made at once on one client — in the same turn of the event loop, as a
 * stream consumer's batch or a busy server's requests make them — and sends them together, one
 * script call per cluster hash slot (all of them in one on a single server), at most 128 users a
 * call, instead of one round trip per user. Two kinds travel this way: appends, and the
 * check-and-set writes of the folds that appends set off. Each write still gets its own answer,
 * in its own order; a failed call fails the writes it carried (and a batch pushed together, as a
 * whole), with the `store` error one write would get. Every store on the client shares the queue and flushes it before sending any
 * other command, so commands still reach Redis in the order they were made.
 *
 * @internal
 */
export class AppendQueue {
  readonly #client: Commands;
  readonly #cluster: boolean;
  #groups = new Map<string, Group>();

  private constructor(client: Commands) {
    this.#client = client;
    // ioredis marks its Cluster client; on a single server any keys go in one call.
    this.#cluster = (client as { readonly isCluster?: unknown }).isCluster === true;
  }

  /**
   * The queue of `client`, made on first use. It is kept on the client itself, under a symbol of
   * this module, so that it lives and dies with the client and no module state holds it; a client
   * that cannot take the property (frozen, or a wrapper of another client) gets a queue of its
   * own per store.
   */
  static of(client: Commands): AppendQueue {
    const holder = client as Commands & { [QUEUE]?: AppendQueue };
    const kept = holder[QUEUE];
    if (kept !== undefined && kept.#client === client) return kept;
    const queue = new AppendQueue(client);
    // A wrapper (a Proxy) reads its target's queue, which is not its own: it gets one per store.
    if (kept === undefined && Object.isExtensible(client))
      Object.defineProperty(client, QUEUE, { value: queue, enumerable: false });
    return queue;
  }

  /**
   * Appends `entry` to the log of `keys` (the APPEND script).
   *
   * @param ttl - the store's TTL in seconds, as sent
   * @param most - the store's most pending entries, as sent
   * @param every - the store's fold interval, as sent
   * @returns the log's length after it, with what is stored when a fold is due
   * @throws RebalanceError with code `store` when Redis fails
   */
  async push(
    api: string,
    keys: UserKeys,
    entry: string,
    ttl: string,
    most: string,
    every: string,
  ): Promise<AppendReply> {
    return (await this.pushAll(api, [{ keys, entry }], ttl, most, every))[0]!;
  }

  /**
   * Appends each entry to its log, as {@link AppendQueue.push} does, with one promise for them
   * all.
   *
   * @returns the replies, in the order of `calls`
   * @throws RebalanceError with code `store` when a script call carrying any of them fails (the
   *   others may have been stored)
   */
  pushAll(
    api: string,
    calls: readonly AppendCall[],
    ttl: string,
    most: string,
    every: string,
  ): Promise<AppendReply[]> {
    const sink = new Sink(calls.length);
    const shared = [ttl, most, every];
    const settings = `${ttl} ${most} ${every}`;
    // On a single server every append goes in one group: its name is made once.
    const single = this.#cluster ? '' : `a 0 ${settings}`;
    for (let k = 0; k < calls.length; k++) {
      const { keys, entry } = calls[k]!;
      const id = this.#cluster ? `a ${hashSlot(keys.log)} ${settings}` : single;
      this.#add(id, APPEND, shared, {
        api,
        keys: [keys.state, keys.log],
        args: [entry],
        sink,
        index: k,
      });
    }
    return sink.promise as Promise<AppendReply[]>;
  }

  /**
   * Sends one check-and-set of a fold (the CHECK_AND_SET script's keys and arguments) with the
   * others made at once.
   *
   * @returns the script's reply for this write
   * @throws RebalanceError with code `store` when Redis fails
   */
  async checkAndSet(
    api: string,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<unknown> {
    const sink = new Sink(1);
    this.#add(`w ${this.#slot(keys[0]!)}`, CHECK_AND_SET_MANY, [], {
      api,
      keys,
      args,
      sink,
      index: 0,
    });
    return (await sink.promise)[0];
  }

  /** Sends the writes gathered so far, now. */
  flush(): void {
    if (this.#groups.size === 0) return;
    const groups = this.#groups;
    this.#groups = new Map();
    for (const group of groups.values())
      for (let k = 0; k < group.calls.length; k += MAX_USERS_PER_CALL)
        void this.#send(group, group.calls.slice(k, k + MAX_USERS_PER_CALL));
  }

  #slot(key: string): number {
    return this.#cluster ? hashSlot(key) : 0;
  }

  #add(id: string, script: Script, shared: readonly string[], waiting: Waiting): void {
    if (this.#groups.size === 0)
      queueMicrotask(() => {
        this.flush();
      });
    const group = this.#groups.get(id);
    if (group === undefined) this.#groups.set(id, { script, shared, calls: [waiting] });
    else group.calls.push(waiting);
  }

  async #send(group: Group, calls: readonly Waiting[]): Promise<void> {
    const keys: string[] = [];
    const args = group.shared.slice();
    for (const c of calls) {
      for (const k of c.keys) keys.push(k);
      for (const a of c.args) args.push(a);
    }
    try {
      const replies = (await runScript(
        this.#client,
        calls[0]!.api,
        group.script,
        keys,
        args,
      )) as unknown[];
      for (let k = 0; k < calls.length; k++) calls[k]!.sink.put(calls[k]!.index, replies[k]);
    } catch (error) {
      for (const c of calls) c.sink.fail(error);
    }
  }
}
