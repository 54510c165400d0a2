import type { TaxonomyInput } from '../../taxonomy/types.js';
import type { ContentMix } from './content.js';

/**
 * Options shared by the item arbitraries.
 *
 * @example
 * ```ts
 * import { arbitraries } from 'feed-rebalancer/testing';
 * import type { ItemArbitraryOptions } from 'feed-rebalancer/testing';
 * const options: ItemArbitraryOptions = { dimension: 8, maxLength: 50 };
 * const lists = arbitraries.candidates(options);
 * ```
 */
export interface ItemArbitraryOptions {
  /** The taxonomy whose topics and terms items carry. @defaultValue `presets.taxonomies.default` */
  readonly taxonomy?: TaxonomyInput;
  /** Embedding dimension; 0 generates no embeddings. @defaultValue 4 */
  readonly dimension?: number;
  /** Longest list generated. @defaultValue 24 for candidates, 8 for recovery pools, 8 blocks for impression streams */
  readonly maxLength?: number;
  /**
   * Relative weights of the kinds of content (`ordinary`, `triggering`, `overlap`, `borderline`,
   * `evasive`, `recovery`, `coopted`).
   * @defaultValue a feed-like mix for candidates, a recovery-heavy mix for pools
   */
  readonly mix?: ContentMix;
}
