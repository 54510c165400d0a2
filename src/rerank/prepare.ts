import { LIMITS } from '../validate/limits.js';
import { TriggerSets } from './groupSet.js';
import { RebalanceError } from '../errors/RebalanceError.js';
import type { ItemView } from '../item/readItem.js';
import { EmbeddingRows } from '../item/embeddingRows.js';
import type { Arena } from '../scratch/Arena.js';
import { IdTable } from '../scratch/IdTable.js';
import { ItemMarker } from '../taxonomy/ItemMarker.js';
import type { Item } from '../item/types.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';

/**
 * Validated candidates or pool entries, with what the engine needs per entry, column by column
 * (an object per entry would cost more than everything the engine does with it). Entries are
 * the valid, first-seen items in input order, numbered 0 … `count` − 1.
 *
 * @internal
 */
export interface PreparedList {
  /** Number of entries. */
  readonly count: number;
  /** Per entry, its id. */
  readonly ids: readonly string[];
  /** Per entry, the caller's object, returned as-is in results. */
  readonly sources: readonly Item[];
  /** Per entry, its index in the input. */
  readonly from: Int32Array;
  /** Per entry, the row of its embedding in `embeddings`, or −1. */
  readonly embedding: Int32Array;
  /**
   * Per entry, the validated snapshot (topics, hashtags, text) for what classifies entries again
   * later — banners and "see less"; `null` unless asked for with `keepViews`.
   */
  readonly views: readonly ItemView[] | null;
  /** Per entry, the groups it is triggering for. */
  readonly triggering: TriggerSets;
  /** Per view and group: 1 when a recovery topic of the group reaches the confidence. */
  readonly recovery: Uint8Array;
  /** The entries' embeddings. */
  readonly embeddings: EmbeddingRows;
  /**
   * Entries left out: duplicates and, with `onInvalidItem: 'skip'`, invalid ones; for candidates,
   * also those "see less" removes (`removeSeeLess`).
   */
  readonly left: LeftOut[];
}

/** An entry left out of a prepared list, with a reason both `DroppedItem` and `RejectedRecovery` know (see-less only for candidates). @internal */
export interface LeftOut {
  readonly id: string;
  readonly from: number;
  readonly reason: 'invalid' | 'duplicate' | `seeLess:${string}`;
}

/** Options of {@link prepareList}. @internal */
export interface PrepareOptions {
  readonly api: string;
  readonly field: 'candidates' | 'recovery';
  readonly taxonomy: ResolvedTaxonomy;
  /** Per group index, the group's `minConfidence`. */
  readonly minConfidence: Float64Array;
  readonly skipInvalid: boolean;
  /** Whether classification is needed at all (no cap and no recovery: it is not). */
  readonly classify: boolean;
  /** Embedding length fixed by an earlier list, or 0. */
  readonly dimension: number;
  /** Whether to keep each entry's snapshot (`PreparedList.views`). */
  readonly keepViews: boolean;
}

/**
 * Validates, deduplicates and classifies a list of untrusted items. Embeddings must all have the
 * same length; the first embedding seen fixes it. Typed arrays come from `arena`.
 *
 * @internal
 */
export function prepareList(
  input: readonly unknown[],
  options: PrepareOptions,
  arena: Arena,
): PreparedList & { table: IdTable } {
  const groups = options.taxonomy.groupIds.length;
  const n = input.length;
  const table = new IdTable(n, arena);
  const sources = new Array<Item>(n);
  const from = arena.int32(n, false);
  const embedding = arena.int32(n, false);
  const views: ItemView[] | null = options.keepViews ? [] : null;
  const triggering = TriggerSets.create(arena, n, groups, options.classify);
  const recovery = arena.uint8(options.classify ? n * groups : 0);
  const left: LeftOut[] = [];
  const embeddings = new EmbeddingRows(arena, n, options.dimension);
  // One site object for the whole list: the path is only built if an item is rejected.
  const site = { api: options.api, path: options.field as string, index: 0, code: 'item' as const };
  const reader = new ItemMarker(options, site, embeddings, triggering.flags, recovery);
  const skipInvalid = options.skipInvalid;
  for (let i = 0; i < n; i++) {
    site.index = i;
    const value = input[i];
    // The entry this item becomes unless it is left out; its classification row is written
    // before that is known, and cleared if it is.
    const v = table.size;
    const row = v * groups;
    let id: string;
    if (skipInvalid) {
      try {
        id = reader.read(value, row);
      } catch (error) {
        if (!(error instanceof RebalanceError)) throw error;
        reader.clear(row);
        left.push({ id: safeId(value), from: i, reason: 'invalid' });
        continue;
      }
    } else id = reader.read(value, row);
    if (table.add(id) >= 0) {
      reader.clear(row);
      left.push({ id, from: i, reason: 'duplicate' });
      continue;
    }
    sources[v] = value as Item;
    from[v] = i;
    embedding[v] = reader.embedding;
    triggering.setMask(v, reader.mask);
    if (views !== null) views.push(reader.view!);
  }
  const count = table.size;
  const ids = table.ids;
  // Cut to length only when something was left out (views of a typed array cost more than the
  // comparison).
  const whole = count === n;
  if (!whole) {
    ids.length = count;
    sources.length = count;
  }
  return {
    count,
    ids,
    sources,
    from: whole ? from : from.subarray(0, count),
    embedding: whole ? embedding : embedding.subarray(0, count),
    views,
    triggering: whole ? triggering : triggering.head(count),
    recovery,
    embeddings,
    left,
    table,
  };
}

/** The id of an invalid entry, if it has a usable one, for the audit. */
function safeId(value: unknown): string {
  try {
    const id = (value as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id.slice(0, LIMITS.idLength) : '';
  } catch {
    return '';
  }
}
