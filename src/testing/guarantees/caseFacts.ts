import type { Level } from '../../detect/levels.js';
import type { RebalanceRequest, Rebalancer } from '../../facade/types.js';
import type { Item } from '../../item/types.js';
import type { ResolvedLevelAction } from '../../policy/resolved.js';
import type { RebalanceResult } from '../../rerank/types.js';
import type { GuaranteeContext } from '../types.js';

/**
 * What the guarantee checks read from one request and result, computed once per context: the
 * groups and the action of each group's current level, which candidates and served items are
 * triggering for which group (by the reference engine's `classify` and each group's
 * `minConfidence`), which candidates repeat an earlier id, and which match "see less" feedback in
 * force. A group with a block of its own in `policy.groups` is read with its own levels and
 * threshold.
 *
 * @internal
 */
export interface CaseFacts {
  readonly groups: readonly string[];
  /** Per group, the level the result's assessment reports. */
  readonly levels: readonly Level[];
  /** Per group, what its current level asks for. */
  readonly actions: readonly ResolvedLevelAction[];
  readonly candidates: readonly Item[];
  readonly pool: readonly Item[];
  /** `request.size`, or Infinity when omitted. */
  readonly size: number;
  /** Per candidate, the index of the first candidate with the same id (itself when first). */
  readonly firstOf: Int32Array;
  /** Candidate indices the result dropped as `invalid`. */
  readonly invalid: ReadonlySet<number>;
  /** Per candidate, the "see less" targets in force it matches (see `seeLessInForce`). */
  readonly seeLess: readonly (readonly string[])[];
  /**
   * Per candidate: 1 when "see less" removes it — the first valid candidate with its id, matching
   * a target in force. Such a candidate must be dropped as `seeLess:<target>` and is not a
   * candidate for any slot.
   */
  readonly removed: Uint8Array;
  /** Per candidate and group (row-major): 1 when triggering for the group. */
  readonly candidateTriggering: Uint8Array;
  /** Per served slot and group (row-major): 1 when the served item is triggering for the group. */
  readonly servedTriggering: Uint8Array;
  /** Per pool entry and group: 1 when triggering / when a recovery item of the group. */
  readonly poolTriggering: Uint8Array;
  readonly poolRecovery: Uint8Array;
  /** Whether any group's current level diversifies the organic order. */
  readonly diversifying: boolean;
}

/**
 * A guarantee context that keeps the {@link CaseFacts} its checks derive from it, so that the
 * eight checks of one case derive them once: what `createGuaranteeContext` returns. The facts
 * belong to the case; nothing is kept between cases.
 *
 * @internal
 */
export class CaseContext implements GuaranteeContext {
  /** The facts, once a check has derived them. */
  facts: CaseFacts | undefined = undefined;

  /**
   * @param reference - the engine whose classification, policy and assessment count
   * @param request - the request the target was given
   * @param snapshot - a deep copy of `request` taken before the target ran
   * @param result - what the target returned
   * @param run - runs the target again
   */
  constructor(
    readonly reference: Rebalancer,
    readonly request: RebalanceRequest,
    readonly snapshot: RebalanceRequest,
    readonly result: RebalanceResult,
    readonly run: (request: RebalanceRequest) => RebalanceResult,
  ) {}
}
