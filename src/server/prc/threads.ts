import type { PrcContentItem } from './prcTypes.js';

/** The key of the feed level: the posts. Comment levels have keys that start with a letter. */
export const FEED = '';

/**
 * The structure of a challenge request: its items once each (the first occurrence of an id
 * wins), the level each belongs to, and the reply edges removals follow.
 *
 * @internal
 */
export interface Threads {
  /** Items with distinct ids, in request order. */
  readonly items: readonly PrcContentItem[];
  /** Per level key, the indices in `items` of its members, in request order. */
  readonly levels: ReadonlyMap<string, readonly number[]>;
  /** Per level member, its level key (parallel to `items`). */
  readonly levelOf: readonly string[];
  /** Per id, the indices in `items` of its direct replies (for a post: its top-level comments). */
  readonly replies: ReadonlyMap<string, readonly number[]>;
}

/** Whether a `parent_id` names a parent: the challenge leaves it blank (or null) at the top level. */
function hasParent(item: PrcContentItem): item is PrcContentItem & { parent_id: string } {
  return typeof item.parent_id === 'string' && item.parent_id !== '';
}

/**
 * Groups the items of a request into levels, as the challenge's extension orders them: the posts
 * form the feed, and comments are siblings when they reply to the same comment or, at the top of
 * a thread, belong to the same post. The extension sorts each level separately by the ranking's
 * order, so a level is the unit the ranker may reorder.
 *
 * @param list - the request's items, in its order
 * @returns the distinct items, their levels and reply edges
 * @internal
 */
export function readThreads(list: readonly PrcContentItem[]): Threads {
  const seen = new Set<string>();
  const items: PrcContentItem[] = [];
  const levels = new Map<string, number[]>();
  const levelOf: string[] = [];
  const replies = new Map<string, number[]>();
  for (const item of list) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const index = items.length;
    items.push(item);
    let key = FEED;
    if (item.type === 'comment') {
      // "c" + parent for replies, "p" + post for top-level comments: the two never collide.
      const parent = hasParent(item) ? item.parent_id : (item.post_id ?? null);
      key = hasParent(item) ? `c${item.parent_id}` : `p${item.post_id ?? ''}`;
      if (parent !== null && parent !== '') push(replies, parent, index);
    }
    levelOf.push(key);
    push(levels, key, index);
  }
  return { items, levels, levelOf, replies };
}

/**
 * The items removed with `removed`: themselves and every reply below them, transitively (the
 * extension hides the replies of a removed comment, and the comments of a removed post). Each
 * item is visited once, so a cycle of `parent_id`s in a hostile request ends.
 *
 * @param threads - the request's structure
 * @param removed - indices in `threads.items` the ranking dropped
 * @returns per index in `threads.items`, whether it is removed
 * @internal
 */
export function removeWithReplies(threads: Threads, removed: readonly number[]): Uint8Array {
  const gone = new Uint8Array(threads.items.length);
  const stack = [...removed];
  while (stack.length > 0) {
    const index = stack.pop()!;
    if (gone[index] === 1) continue;
    gone[index] = 1;
    const below = threads.replies.get(threads.items[index]!.id);
    if (below !== undefined) for (const child of below) if (gone[child] === 0) stack.push(child);
  }
  return gone;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
