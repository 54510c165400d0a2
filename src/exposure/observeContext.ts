import { CHECK_EMBEDDING } from '../item/embeddingRows.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import type { ResolvedDetection } from '../detect/detector.js';
import { ItemMarker } from '../taxonomy/ItemMarker.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';
import type { TrustedStates } from './TrustedStates.js';

/** Everything `observe` needs besides the state and the impressions. @internal */
export interface ObserveContext {
  readonly taxonomy: ResolvedTaxonomy;
  readonly policy: ResolvedPolicy;
  /** Per group index, the detector of the group's policy. */
  readonly detections: readonly ResolvedDetection[];
  /** Per group index, that detector's fingerprint, stamped on every group observe writes. */
  readonly fingerprints: readonly string[];
  /** Per group index, the group's `minConfidence`. */
  readonly minConfidence: Float64Array;
  /** Per group index, 1 when the group's detector counts confidences (`evidence: 'confidence'`). */
  readonly byConfidence: Uint8Array;
  /** Per-impression decay factor 2^(−1/halfLife), precomputed. */
  readonly impressionDecay: number;
  /** Recently shown recovery items to remember (0: none). */
  readonly recoveryMemory: number;
  /** Ids "see less" may name: the taxonomy's group ids and triggering topic ids. */
  readonly seeLessTargets: ReadonlySet<string>;
}

/**
 * What `observe` keeps between calls, per rebalancer: the states it built (trusted, so the next
 * call skips binding) and its item reader.
 *
 * @internal
 */
export interface ObserveWorkspace {
  /** The rebalancer's trusted states: observe's output is lined up with it already. */
  readonly trusted: TrustedStates;
  /** The item reader kept between calls; `null` while a call holds it (or before the first). */
  spareReader: ImpressionReader | null;
}

/**
 * An {@link ItemMarker} with its one row of flags (and of confidences, when a detector counts
 * them) and its site, kept between calls. @internal
 */
export interface ImpressionReader {
  readonly marker: ItemMarker;
  readonly site: { api: string; path: string; index: number; suffix: string; code: 'impression' };
  readonly triggering: Uint8Array;
  readonly recovery: Uint8Array;
  /** Per group, the item's triggering confidence; `null` when no detector counts confidences. */
  readonly confidence: Float64Array | null;
}

/**
 * The rebalancer's spare reader (taken: no other call can use it meanwhile), or a new one.
 *
 * @internal
 */
export function takeReader(
  ctx: ObserveContext,
  work: ObserveWorkspace,
  api: string,
): ImpressionReader {
  let reader = work.spareReader;
  work.spareReader = null;
  if (reader === null) {
    const { taxonomy } = ctx;
    const site = {
      api,
      path: 'impressions',
      index: 0,
      suffix: '.item',
      code: 'impression' as const,
    };
    const groups = taxonomy.groupIds.length;
    const triggering = new Uint8Array(groups);
    const recovery = new Uint8Array(groups);
    // Confidences are only gathered when a detector reads them: observe then costs what it did
    // before confidences could be evidence.
    const confidence = ctx.byConfidence.includes(1) ? new Float64Array(groups) : null;
    const marker = new ItemMarker(
      { taxonomy, minConfidence: ctx.minConfidence, classify: true, keepViews: false },
      site,
      CHECK_EMBEDDING,
      triggering,
      recovery,
      confidence,
    );
    reader = { marker, site, triggering, recovery, confidence };
  }
  reader.site.api = api;
  return reader;
}
