import { RebalanceError } from '../errors/RebalanceError.js';
import { readItem, type ItemSite, type ItemView } from '../item/readItem.js';
import { EmbeddingRows } from '../item/embeddingRows.js';
import type { Arena } from '../scratch/Arena.js';
import type { Item } from '../item/types.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolveTaxonomy.js';
import { classifyItem } from '../taxonomy/classifyItem.js';

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
  /** Per entry and group (row-major, `count × groups`): 1 when triggering for the group. */
  readonly triggering: Uint8Array;
  /** Per view and group: 1 when a recovery topic of the group reaches the confidence. */
  readonly recovery: Uint8Array;
  /**
   * Per view, the groups it is triggering for as a bit mask (bit g: group g) — what the fill
   * reads per candidate; `null` past 31 groups or when nothing was classified.
   */
  readonly triggerMask: Int32Array | null;
  /** The entries' embeddings. */
  readonly embeddings: EmbeddingRows;
  /** Entries left out: duplicates and, with `onInvalidItem: 'skip'`, invalid ones. */
  readonly left: { id: string; from: number; reason: string }[];
}

/** Options of {@link prepareList}. @internal */
export interface PrepareOptions {
  readonly api: string;
  readonly field: 'candidates' | 'recovery';
  readonly taxonomy: ResolvedTaxonomy;
  readonly minConfidence: number;
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
): PreparedList & { seen: ReadonlySet<string> } {
  const { taxonomy, minConfidence } = options;
  const groups = taxonomy.groupIds.length;
  const n = input.length;
  const ids = new Array<string>(n);
  const sources = new Array<Item>(n);
  const from = arena.int32(n, false);
  const embedding = arena.int32(n, false);
  const views: ItemView[] | null = options.keepViews ? [] : null;
  let count = 0;
  const triggering = arena.uint8(options.classify ? n * groups : 0);
  const recovery = arena.uint8(options.classify ? n * groups : 0);
  const triggerMask = options.classify && groups <= 31 ? arena.int32(n) : null;
  const left: { id: string; from: number; reason: string }[] = [];
  const seen = new Set<string>();
  const embeddings = new EmbeddingRows(arena, n, options.dimension);
  // One site object for the whole list: the path is only built if an item is rejected.
  const site = { api: options.api, path: options.field as string, index: 0, code: 'item' as const };
  const { classify, skipInvalid } = options;
  const known = taxonomy.lookup;
  const viaMatcher = taxonomy.hasTerms;
  for (let i = 0; i < n; i++) {
    site.index = i;
    const view = skipInvalid
      ? readOrNull(input[i], site, embeddings)
      : readItem(input[i], site, embeddings);
    if (view === null) {
      left.push({ id: safeId(input[i]), from: i, reason: 'invalid' });
      continue;
    }
    // One hash lookup instead of has-then-add: a duplicate leaves the size unchanged.
    const size = seen.size;
    seen.add(view.id);
    if (seen.size === size) {
      left.push({ id: view.id, from: i, reason: 'duplicate' });
      continue;
    }
    const v = count++;
    ids[v] = view.id;
    sources[v] = view.source;
    from[v] = i;
    embedding[v] = view.embedding;
    views?.push(view);
    if (classify) {
      const row = v * groups;
      let mask = 0;
      const topics = view.topics;
      if (viaMatcher && (view.hashtags !== null || view.text !== null))
        mask = markByMatcher(taxonomy, view, minConfidence, row, triggering, recovery);
      else if (topics !== null) {
        // Items labelled only by topic ids, the common case: one Map lookup per topic.
        const confidences = view.confidences;
        for (let t = 0; t < topics.length; t++) {
          if (confidences !== null && confidences[t]! < minConfidence) continue;
          const ref = known.get(topics[t]!);
          if (ref === undefined) continue;
          if (ref.recovery) recovery[row + ref.group] = 1;
          else {
            triggering[row + ref.group] = 1;
            mask |= 1 << ref.group;
          }
        }
      }
      if (triggerMask !== null) triggerMask[v] = mask;
    }
  }
  ids.length = count;
  sources.length = count;
  return {
    count,
    ids,
    sources,
    from: from.subarray(0, count),
    embedding: embedding.subarray(0, count),
    views,
    triggering,
    recovery,
    triggerMask: triggerMask?.subarray(0, count) ?? null,
    embeddings,
    left,
    seen,
  };
}

/**
 * Sets the triggering and recovery bits of an item with hashtags or text, through the taxonomy's
 * matcher (`classifyItem`), and returns its triggering groups as a bit mask (meaningful up to 31
 * groups).
 */
function markByMatcher(
  taxonomy: ResolvedTaxonomy,
  view: ItemView,
  minConfidence: number,
  row: number,
  triggering: Uint8Array,
  recovery: Uint8Array,
): number {
  let mask = 0;
  const cls = classifyItem(taxonomy, view);
  for (let g = 0; g < taxonomy.groupIds.length; g++) {
    if (cls.triggering[g]! >= minConfidence) {
      triggering[row + g] = 1;
      mask |= 1 << g;
    }
    if (cls.recovery[g]! >= minConfidence) recovery[row + g] = 1;
  }
  return mask;
}

/** The item read, or `null` when it is invalid (`onInvalidItem: 'skip'`). */
function readOrNull(value: unknown, site: ItemSite, embeddings: EmbeddingRows): ItemView | null {
  try {
    return readItem(value, site, embeddings);
  } catch (error) {
    if (error instanceof RebalanceError) return null;
    throw error;
  }
}

/** The id of an invalid entry, if it has a usable one, for the audit. */
function safeId(value: unknown): string {
  try {
    const id = (value as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id.slice(0, 1024) : '';
  } catch {
    return '';
  }
}
