import { LIMITS } from '../../validate/limits.js';
import type { Item, Rebalancer, RebalanceResult, TermMatcher, UserState } from '../../index.js';

/** What scans a text for topics: a term matcher, or the server's memo of one. @internal */
export type TextScanner = Pick<TermMatcher, 'scanText'>;
import type { PrcContentItem, PrcNewItem, PrcRecoveryItem } from './prcTypes.js';
import { FEED, readThreads, removeWithReplies } from './threads.js';

/**
 * A ranking of a challenge request.
 *
 * @internal
 */
export interface PrcRanking {
  /** The ids to show, in order: request items and inserted recovery items, each once. */
  readonly rankedIds: readonly string[];
  /** The inserted recovery items, in the order they are shown. */
  readonly newItems: readonly PrcNewItem[];
  /** What is shown, as items for `observe`, in the order of `rankedIds`. */
  readonly shown: readonly Item[];
  /** Whether the policy applied a cap, a recovery cadence or diversification to any level. */
  readonly interventionOn: boolean;
  /** The rebalance result of each level, the feed's first. */
  readonly results: readonly RebalanceResult[];
}

/** A served entry of one level: a request item (its index) or a recovery pool item. */
type Entry = number | PrcRecoveryItem;

/**
 * Ranks a challenge request under the challenge's rules. The posts are rebalanced as a feed
 * (caps, and recovery items from `pool` inserted as new items); the comments only among their
 * siblings — the extension sorts each level of a thread separately — with the same state, caps
 * and no recovery. A dropped item takes its replies with it, as the extension removes them.
 * Each level keeps the positions its items had in the request: the levels' interleaving is the
 * platform's, and an untouched request comes back in its own order. Ids are unique: an id seen
 * twice counts once, at its first position.
 *
 * Items are classified from their title and text (hashtags written in the text count), the first
 * 20,000 characters of it.
 *
 * @param rb - the rebalancer
 * @param list - the request's items, in its order
 * @param state - the user's state
 * @param at - the request time (ms)
 * @param pool - recovery items with URLs, possibly empty
 * @param matcher - scans each text once, with the rebalancer's term matcher (`null`: the
 *   library scans it, for the ranking and again for the impressions)
 * @returns the ranking
 * @internal
 */
export function rankPrc(
  rb: Rebalancer,
  list: readonly PrcContentItem[],
  state: UserState,
  at: number,
  pool: readonly PrcRecoveryItem[],
  matcher: TextScanner | null,
): PrcRanking {
  const threads = readThreads(list);
  const library = new Array<Item>(threads.items.length);
  for (let i = 0; i < library.length; i++) library[i] = toItem(threads.items[i]!, matcher);
  const results: RebalanceResult[] = [];
  const served = new Map<string, Entry[]>();
  const dropped: number[] = [];
  // The feed first, even without posts: its result says which caps are in force for everyone.
  const levels = [FEED, ...[...threads.levels.keys()].filter((key) => key !== FEED)];
  let untouchedUpTo = 0;
  for (const key of levels) {
    const members = threads.levels.get(key) ?? [];
    if (key !== FEED && members.length <= untouchedUpTo) {
      served.set(key, [...members]);
      continue;
    }
    const candidates = members.map((index) => library[index]!);
    const recovery = key === FEED ? pool : [];
    const result = rb.rebalance({ candidates, recovery, state, at });
    results.push(result);
    if (key === FEED) untouchedUpTo = unchangedSize(result, state);
    const entries: Entry[] = [];
    const byId = key === FEED ? new Map(pool.map((item) => [item.id, item])) : null;
    for (const slot of result.slots) {
      if (slot.from !== null) entries.push(members[slot.from]!);
      else {
        const item = byId?.get(slot.id);
        if (item !== undefined) entries.push(item);
      }
    }
    for (const d of result.dropped) dropped.push(members[d.from]!);
    served.set(key, entries);
  }
  const gone = removeWithReplies(threads, dropped);

  // Fill each level's positions, in request order, with the level's served entries: the
  // recovery items before an organic entry come with it.
  const cursor = new Map<string, number>();
  const rankedIds: string[] = [];
  const newItems: PrcNewItem[] = [];
  const shown: Item[] = [];
  for (let position = 0; position < threads.items.length; position++) {
    const key = threads.levelOf[position]!;
    const entries = served.get(key)!;
    let next = cursor.get(key) ?? 0;
    while (next < entries.length) {
      const entry = entries[next++]!;
      if (typeof entry !== 'number') {
        rankedIds.push(entry.id);
        newItems.push({ id: entry.id, url: entry.url });
        shown.push(entry);
        continue;
      }
      if (gone[entry] === 1) continue;
      rankedIds.push(threads.items[entry]!.id);
      shown.push(library[entry]!);
      break;
    }
    cursor.set(key, next);
  }
  const interventionOn = results.some(
    (r) =>
      Object.keys(r.applied.caps).length > 0 ||
      r.applied.recoveryEvery !== null ||
      r.applied.diversify !== null,
  );
  return { rankedIds, newItems, shown, interventionOn, results };
}

/**
 * The size up to which a comment level comes back as it is, so that it needs no rebalance call
 * (each costs a few microseconds, mostly the assessment, and a thread has one level per parent).
 * The caps in force are the same for every level of one request (one state, one time), and a
 * level of n items with n at most every cap's count has no window over its cap; without
 * recovery (comment levels get none), diversification or "see less" choices, nothing else moves
 * or removes an item: the output is the input (the library's guarantee 3, no cost for the
 * unaffected).
 */
function unchangedSize(feed: RebalanceResult, state: UserState): number {
  if (feed.applied.diversify !== null || (state.seeLess?.length ?? 0) > 0) return 0;
  let smallest = Infinity;
  for (const group of Object.keys(feed.applied.caps))
    smallest = Math.min(smallest, feed.applied.caps[group]!.count);
  return smallest;
}

/**
 * A challenge item as the library reads it: its id, and the topics its title and text match —
 * which the library reads exactly as it reads the text itself, a listed topic counting with
 * confidence 1 like a term match — or, without a matcher or with more topics than an item may
 * list, the text.
 */
function toItem(item: PrcContentItem, matcher: TextScanner | null): Item {
  const title = typeof item.title === 'string' && item.title !== '' ? item.title : null;
  const whole = title === null ? item.text : `${title}\n${item.text}`;
  const text = whole.length > LIMITS.textLength ? whole.slice(0, LIMITS.textLength) : whole;
  if (matcher === null || text === '') return { id: item.id, text };
  const topics = matcher.scanText(text);
  if (!Array.isArray(topics) || topics.length > LIMITS.topicsPerItem) return { id: item.id, text };
  return { id: item.id, topics };
}
