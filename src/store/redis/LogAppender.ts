import type { DeliveryOptions } from '../../delivery/types.js';
import { RebalanceError } from '../../errors/RebalanceError.js';
import type { ObserveEvent } from '../../exposure/types.js';
import { assertEventCount, needFolder, readEvents } from '../appendEvents.js';
import { assertUserId } from '../userId.js';
import type { AppendCall, AppendReply } from './AppendQueue.js';
import type { UserKeys } from './keys.js';
import { encodeEntry, encodeRawEntry } from './logEntry.js';
import type { StoredReply } from './ParsedStates.js';
import type { PreparedAppends, SourcedEntry, SourcedResult, Stored } from './storedAppend.js';
import type { UserWrites } from './UserWrites.js';
import { userShares } from './userShares.js';
import { validateSourced } from './validateSourced.js';
import { foldLog, type WriteContext } from './writeState.js';

/** What an append that set off no fold resolves with. */
const NOTHING_TO_FOLD: Stored = { folded: Promise.resolve() };

/**
 * The appends of a `RedisStateStore`: validate the events, encode them as one log entry, push it
 * with the other appends made at once (AppendQueue), and start the fold when the log reaches a
 * multiple of `foldEvery` entries, from what the append's own script answered.
 *
 * @internal
 */
export class LogAppender {
  readonly #ctx: WriteContext;
  readonly #writes: UserWrites;
  /** Folds waiting for their turn (see #schedule). */
  #due: (() => void)[] = [];

  /**
   * @param ctx - the store's write context
   * @param writes - the store's per-user write order, which folds join
   */
  constructor(ctx: WriteContext, writes: UserWrites) {
    this.#ctx = ctx;
    this.#writes = writes;
  }

  /**
   * Validates and stores the events of one append; resolves once Redis has them, with the fold
   * the append set off (if any) still running in `folded`.
   */
  append(
    api: string,
    userId: string,
    events: ObserveEvent | readonly ObserveEvent[],
    options: DeliveryOptions | undefined,
  ): Promise<Stored> {
    return new Promise((resolve) => {
      assertUserId(api, userId);
      const o = this.#ctx.options;
      const list = readEvents(api, needFolder(api, o.folder), events, o.maxAppendEvents, options);
      if (list.length === 0) resolve(NOTHING_TO_FOLD);
      else resolve(this.#store(api, userId, encodeEntry(this.#ctx.token(), list, options)));
    });
  }

  /**
   * The stored-only appends of a batch read from one source (see `SourcedAppend`): validated and
   * encoded now, sent by `commit`.
   */
  sourced(source: string, entries: readonly SourcedEntry[]): PreparedAppends {
    const api = 'RedisStateStore.append';
    const o = this.#ctx.options;
    const folder = needFolder(api, o.folder);
    const shares = userShares(entries, o.maxAppendEvents, o.maxAppendBytes);
    const valid = validateSourced(folder, source, entries);
    const refused = new Map<string, unknown>();
    const users: string[] = [];
    const calls: AppendCall[] = [];
    const sourceJson = JSON.stringify(source);
    const made: [string, AppendCall][] = [];
    for (const share of shares) {
      const userId = share.userId;
      if (refused.has(userId)) continue;
      const options = { source, offset: share.offsets };
      try {
        assertUserId(api, userId);
        // Checked one user at a time only when the batch did not pass at once.
        if (valid) assertEventCount(api, share.events.length, o.maxAppendEvents);
        else readEvents(api, folder, share.events, o.maxAppendEvents, options);
        const token = this.#ctx.token();
        const entry =
          share.texts === null
            ? encodeEntry(token, share.events, options)
            : encodeRawEntry(token, share.texts, options, sourceJson);
        this.#assertSize(api, entry);
        made.push([userId, { keys: this.#ctx.keys.get(userId), entry }]);
      } catch (error) {
        refused.set(userId, error);
      }
    }
    // A user with a share refused has none appended: the caller appends that user again, all
    // entries in order, and a later share stored first would have its mark skip the earlier.
    for (const [userId, call] of made) {
      if (refused.has(userId)) continue;
      users.push(userId);
      calls.push(call);
    }
    return { commit: () => this.#commit(api, users, calls, refused) };
  }

  async #commit(
    api: string,
    users: readonly string[],
    calls: readonly AppendCall[],
    refused: Map<string, unknown>,
  ): Promise<SourcedResult> {
    const o = this.#ctx.options;
    const replies = await this.#ctx.appends.pushAll(
      api,
      calls,
      o.ttl,
      String(o.maxPendingEntries),
      String(o.foldEvery),
    );
    const folds: Promise<void>[] = [];
    for (let k = 0; k < calls.length; k++) {
      try {
        const folded = this.#stored(api, calls[k]!.keys, replies[k]!);
        if (folded !== NOTHING_TO_FOLD) folds.push(folded.folded);
      } catch (error) {
        refused.set(users[k]!, error);
      }
    }
    return { refused, folded: Promise.all(folds).then(() => undefined) };
  }

  /** Checks the entry's size and pushes it. */
  async #store(api: string, userId: string, entry: string): Promise<Stored> {
    const o = this.#ctx.options;
    this.#assertSize(api, entry);
    const keys = this.#ctx.keys.get(userId);
    const reply = await this.#ctx.appends.push(
      api,
      keys,
      entry,
      o.ttl,
      String(o.maxPendingEntries),
      String(o.foldEvery),
    );
    return this.#stored(api, keys, reply);
  }

  #assertSize(api: string, entry: string): void {
    const o = this.#ctx.options;
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4):
    // an entry this short fits without counting its bytes, which would read it all once more.
    if (entry.length * 3 <= o.maxAppendBytes) return;
    const bytes = Buffer.byteLength(entry, 'utf8');
    if (bytes > o.maxAppendBytes) {
      throw new RebalanceError(
        'impression',
        `${api}: events must take at most ${o.maxAppendBytes} bytes as stored (maxAppendBytes); split the batch (got ${bytes} bytes)`,
        'events',
      );
    }
  }

  /**
   * What an append's reply means: the log was full (code `state`, nothing stored), or the events
   * are stored, with the fold they set off when the log reached a multiple of `foldEvery`.
   */
  #stored(api: string, keys: UserKeys, reply: AppendReply): Stored {
    const o = this.#ctx.options;
    const length = typeof reply === 'number' ? reply : reply[0];
    if (length < 0) {
      throw new RebalanceError(
        'state',
        `${api}: the user's pending event log is full (${-length} entries, maxPendingEntries ${o.maxPendingEntries}) because folding it keeps failing; get or update the user to see why. Nothing was stored`,
      );
    }
    if (typeof reply === 'number') return NOTHING_TO_FOLD;
    // The events are stored: whatever happens to the fold, the append has succeeded. The fold
    // starts once the callers waiting for this reply have run (see #due).
    return {
      folded: new Promise<void>((resolve) => {
        this.#schedule(() => {
          resolve(this.#fold(api, keys, reply));
        });
      }),
    };
  }

  /**
   * Runs `fold` after the callers of the current replies have run — a stream consumer sends its
   * next batch to Redis before the folds' work holds the process — together with every other
   * fold due by then, in one turn of the event loop, so that their writes travel in one script
   * call per hash slot.
   */
  #schedule(fold: () => void): void {
    if (this.#due.length === 0)
      setImmediate(() => {
        const due = this.#due;
        this.#due = [];
        for (const f of due) f();
      });
    this.#due.push(fold);
  }

  /** Folds the log the append's reply found due; never rejects (the events stay in the log). */
  #fold(api: string, keys: UserKeys, reply: Exclude<AppendReply, number>): Promise<void> {
    // The script answered what is stored with the append, so the fold needs no read — unless a
    // write of this user from this process is under way, after which that answer is old.
    const stored = this.#writes.has(keys) ? undefined : (reply.slice(1) as unknown as StoredReply);
    return this.#writes
      .run(keys, () => foldLog(this.#ctx, api, keys, stored))
      .then(
        () => undefined,
        () => undefined,
      );
  }
}
