import { hashSlot } from './hashSlot.js';
import type { UserKeys } from './keys.js';
import { runScript, type Commands } from './runScript.js';
import { APPEND } from './scripts.js';

/** The property of a client that holds its queue: every store on the client shares it. */
const QUEUE: unique symbol = Symbol('feed-rebalancer append queue');

/** Most users one append script carries: it runs to completion before anything else on Redis. */
const MAX_USERS_PER_CALL = 128;

/** One append waiting to be sent, with the settings of the store that made it. */
interface Waiting {
  readonly api: string;
  readonly keys: UserKeys;
  readonly entry: string;
  /** The store's TTL in seconds and most pending entries, as the script takes them. */
  readonly ttl: string;
  readonly most: string;
  readonly resolve: (length: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers the appends made at once on one client — in the same turn of the event loop, as a
 * stream consumer's batch or a busy server's requests make them — and sends them together: one
 * script call per cluster hash slot (all of them in one on a single server), at most 128 users a
 * call, instead of one round trip per user. Each append still gets its own answer, in its own
 * order; a failed call fails exactly the appends it carried, with the `store` error one append
 * would get. Every store on the client shares the queue and flushes it before sending any other
 * command, so commands still reach Redis in the order they were made.
 *
 * @internal
 */
export class AppendQueue {
  readonly #client: Commands;
  readonly #cluster: boolean;
  #waiting: Waiting[] = [];

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
   * Appends `entry` to the log of `keys`.
   *
   * @returns the log's length after it, or minus its length when it was full (nothing appended)
   * @throws RebalanceError with code `store` when Redis fails
   */
  push(api: string, keys: UserKeys, entry: string, ttl: string, most: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (this.#waiting.length === 0)
        queueMicrotask(() => {
          this.flush();
        });
      this.#waiting.push({ api, keys, entry, ttl, most, resolve, reject });
    });
  }

  /** Sends the appends gathered so far, now. */
  flush(): void {
    if (this.#waiting.length === 0) return;
    const waiting = this.#waiting;
    this.#waiting = [];
    const groups = new Map<string, Waiting[]>();
    for (const w of waiting) {
      const slot = this.#cluster ? hashSlot(w.keys.log) : 0;
      const key = `${slot} ${w.ttl} ${w.most}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [w]);
      else group.push(w);
    }
    for (const group of groups.values())
      for (let k = 0; k < group.length; k += MAX_USERS_PER_CALL)
        void this.#send(group.slice(k, k + MAX_USERS_PER_CALL));
  }

  async #send(calls: readonly Waiting[]): Promise<void> {
    const first = calls[0]!;
    const keys: string[] = [];
    const args = [first.ttl, first.most];
    for (const c of calls) {
      keys.push(c.keys.state, c.keys.log);
      args.push(c.entry);
    }
    try {
      const lengths = (await runScript(this.#client, first.api, APPEND, keys, args)) as number[];
      for (let k = 0; k < calls.length; k++) calls[k]!.resolve(lengths[k]!);
    } catch (error) {
      for (const c of calls) c.reject(error);
    }
  }
}
