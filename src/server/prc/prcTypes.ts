import type { Item } from '../../index.js';

/**
 * The fields of a challenge `ContentItem` the ranker reads, as the schema has checked them.
 *
 * @internal
 */
export interface PrcContentItem {
  readonly id: string;
  readonly type: 'post' | 'comment';
  readonly text: string;
  readonly title?: string | null;
  readonly parent_id?: string | null;
  readonly post_id?: string | null;
  readonly created_at: string | number;
}

/**
 * The fields of a challenge `RankingRequest` the ranker reads, as the schema has checked them.
 *
 * @internal
 */
export interface PrcRequest {
  readonly session: {
    readonly user_id: string;
    readonly current_time: string | number;
    readonly prefetch?: boolean | null;
  };
  readonly items: readonly PrcContentItem[];
}

/**
 * A recovery item for challenge feeds: an item, as the library takes it (with recovery topics
 * or hashtags, so that the policy picks it for a group), and the public URL of the post the
 * challenge's browser extension inserts. New items in the challenge can only be posts that
 * exist on the platform.
 *
 * @example
 * ```ts
 * import type { PrcRecoveryItem } from 'feed-rebalancer/server';
 * const item: PrcRecoveryItem = {
 *   id: 'recovery-story-1',
 *   topics: ['ed-recovery'],
 *   url: 'https://www.reddit.com/r/example/comments/abc123/recovery_story/',
 * };
 * ```
 */
export interface PrcRecoveryItem extends Item {
  /** The public http or https URL of the post. */
  readonly url: string;
}

/**
 * Options of the challenge's ranker API (`POST /rank`).
 *
 * @example
 * ```ts
 * import type { PrcOptions } from 'feed-rebalancer/server';
 * const prc: PrcOptions = {
 *   recovery: [{ id: 'story-1', topics: ['ed-recovery'], url: 'https://example.org/posts/1' }],
 * };
 * ```
 */
export interface PrcOptions {
  /**
   * Recovery items that may be inserted into challenge feeds as `new_items`, when the policy
   * calls for recovery.
   * @defaultValue `[]` (no item is ever inserted; caps still apply)
   */
  readonly recovery?: readonly PrcRecoveryItem[];
  /**
   * How many item texts (of up to 512 characters) `POST /rank` remembers with the topics they
   * match, so that a post that comes again — the extension sends a whole timeline with every
   * request, and popular posts come in many feeds — is not scanned again. It holds texts, never
   * who was shown them; 0 turns it off.
   * @defaultValue 1024
   */
  readonly textMemo?: number;
}

/** One inserted item of a challenge response. @internal */
export interface PrcNewItem {
  readonly id: string;
  readonly url: string;
}
