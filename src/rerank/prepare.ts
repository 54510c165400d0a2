import { RebalanceError } from '../errors/RebalanceError.js';
import { readItem, type ItemView } from '../item/readItem.js';
import { EmbeddingRows } from '../item/embeddingRows.js';
import type { Arena } from '../scratch/Arena.js';
import type { DroppedItem, RejectedRecovery } from '../facade/types.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolveTaxonomy.js';
import { classifyItem } from '../taxonomy/classifyItem.js';

/** Validated candidates or pool entries, with what the engine needs per entry. @internal */
export interface PreparedList {
  /** Snapshots of the valid, first-seen entries, in input order. */
  readonly views: ItemView[];
  /** Index in the input of each view. */
  readonly from: number[];
  /** Per view and group (row-major, `views.length × groups`): 1 when triggering for the group. */
  readonly triggering: Uint8Array;
  /** Per view and group: 1 when a recovery topic of the group reaches the confidence. */
  readonly recovery: Uint8Array;
  /**
   * Per view, the groups it is triggering for as a bit mask (bit g: group g) — what the fill
   * reads per candidate; `null` past 31 groups or when nothing was classified.
   */
  readonly triggerMask: Int32Array | null;
  /** The views' embeddings; `views[v].embedding` is the row of view v (−1: none). */
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
): PreparedList & { ids: ReadonlySet<string> } {
  const { taxonomy, minConfidence } = options;
  const groups = taxonomy.groupIds.length;
  const n = input.length;
  const views: ItemView[] = [];
  const from: number[] = [];
  const triggering = arena.uint8(options.classify ? n * groups : 0);
  const recovery = arena.uint8(options.classify ? n * groups : 0);
  const triggerMask = options.classify && groups <= 31 ? arena.int32(n) : null;
  const left: { id: string; from: number; reason: string }[] = [];
  const seen = new Set<string>();
  const embeddings = new EmbeddingRows(arena, n, options.dimension);
  // One site object for the whole list: the path is only built if an item is rejected.
  const site = { api: options.api, path: options.field as string, index: 0, code: 'item' as const };
  for (let i = 0; i < n; i++) {
    let view: ItemView;
    site.index = i;
    try {
      view = readItem(input[i], site, embeddings);
    } catch (error) {
      if (!options.skipInvalid || !(error instanceof RebalanceError)) throw error;
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
    if (options.classify) {
      const row = views.length * groups;
      const mask = markGroups(taxonomy, view, minConfidence, row, triggering, recovery);
      if (triggerMask !== null) triggerMask[views.length] = mask;
    }
    views.push(view);
    from.push(i);
  }
  return {
    views,
    from,
    triggering,
    recovery,
    triggerMask: triggerMask?.subarray(0, views.length) ?? null,
    embeddings,
    left,
    ids: seen,
  };
}

/**
 * Sets the item's triggering and recovery bits per group and returns its triggering groups as a
 * bit mask (meaningful up to 31 groups). Items labelled only by topic ids — the common case for a
 * ranking service — take one Map lookup per topic and allocate nothing; items with hashtags or
 * text go through the taxonomy's matcher via `classifyItem`.
 */
function markGroups(
  taxonomy: ResolvedTaxonomy,
  view: ItemView,
  minConfidence: number,
  row: number,
  triggering: Uint8Array,
  recovery: Uint8Array,
): number {
  let mask = 0;
  if (taxonomy.hasTerms && (view.hashtags !== null || view.text !== null)) {
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
  const { topics, confidences } = view;
  if (topics === null) return 0;
  const known = taxonomy.topics;
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
  return mask;
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

/** Turns left-out entries into audit records. @internal */
export function leftAsDropped(left: PreparedList['left']): DroppedItem[] {
  return left.map(({ id, from, reason }) => ({ id, from, reason }));
}

/** Turns left-out pool entries into audit records. @internal */
export function leftAsRejected(left: PreparedList['left']): RejectedRecovery[] {
  return left.map(({ id, from, reason }) => ({ id, from, reason }));
}
