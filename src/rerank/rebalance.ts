import type { UserState } from '../exposure/types.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';
import type { Item } from '../item/types.js';
import type { RebalanceResult, Slot } from './types.js';
import { decisionRecord, NO_CHANGES } from './decision/decisionRecord.js';
import type { DecisionChange } from './decision/types.js';
import type { Assessment } from '../exposure/types.js';
import type { ActionCache } from './actions.js';
import { fillSlots } from './fill.js';
import { prepareList, type PreparedList } from './prepare.js';
import { assignRecovery, rankByRelevance, sortRecoveryPool } from './recovery.js';
import { diversifiedOrder } from './diversified.js';
import { droppedCandidates, OrganicReasons } from './audit.js';
import { removeSeeLess } from './seeLess.js';
import { centroidOf } from './centroid.js';
import { withBanner } from './withBanner.js';
import { type SeeLessBlock } from '../feedback/types.js';
import type { Arena, ArenaPool } from '../scratch/Arena.js';
import type { ClassifyScratch } from '../taxonomy/classifyItem.js';
import type { ReasonLists } from './reasonLists.js';
import type { BannerFinder } from '../interventions/createBannerRules.js';

/** The parts of a rebalancer the engine reads. @internal */
export interface EngineContext {
  readonly taxonomy: ResolvedTaxonomy;
  readonly policy: ResolvedPolicy;
  readonly groupIds: readonly string[];
  /** Per group index, the group's `minConfidence`. */
  readonly minConfidence: Float64Array;
  /** Finds the banner of a served item; `null` when no banner rules are configured. */
  readonly bannerFor: BannerFinder | null;
  /** The slots' reason lists, shared by every result. */
  readonly reasons: ReasonLists;
  /** The actions of each combination of group levels. */
  readonly actions: ActionCache;
  /** The rebalancer's request buffers (its workspace). */
  readonly arenas: ArenaPool;
  /** The rebalancer's classification scratch space (its workspace). */
  readonly classifyScratch: ClassifyScratch;
  /** The resolved policy's fingerprint, which every decision record names. */
  readonly policyFingerprint: string;
}

/** A validated request. @internal */
export interface EngineRequest {
  readonly candidates: readonly unknown[];
  readonly recovery: readonly unknown[];
  readonly state: UserState;
  readonly assessment: Assessment;
  readonly size: number;
  /** The locale banners are served for (BCP 47 or `*`). */
  readonly locale: string;
  /** Targets removed by "see less"; `null` when there are none (the usual case). */
  readonly seeLess: SeeLessBlock | null;
  /** Whether the host serves its own order (the decision record says so). */
  readonly shadow: boolean;
}

/**
 * Reshapes the ranked candidates under the caps and recovery cadence of each group's current
 * level. Pure: the result depends only on the arguments.
 *
 * @internal
 */
export function rebalanceRequest(
  ctx: EngineContext,
  req: EngineRequest,
  api: string,
): RebalanceResult {
  const arena = ctx.arenas.take();
  try {
    return rebalanceWith(ctx, req, api, arena);
  } finally {
    // Nothing carved from the arena outlives the request: the result holds plain values only.
    arena.release();
  }
}

function rebalanceWith(
  ctx: EngineContext,
  req: EngineRequest,
  api: string,
  arena: Arena,
): RebalanceResult {
  const { taxonomy, policy, groupIds } = ctx;
  const actions = ctx.actions.for(req.assessment);
  const skipInvalid = policy.onInvalidItem === 'skip';
  const prepared = prepareList(
    req.candidates,
    {
      api,
      field: 'candidates',
      taxonomy,
      minConfidence: ctx.minConfidence,
      skipInvalid,
      classify: actions.any,
      dimension: 0,
      // Banners and "see less" classify the served items again from their snapshots.
      keepViews: ctx.bannerFor !== null || req.seeLess !== null,
    },
    arena,
  );
  const organic =
    req.seeLess === null
      ? prepared
      : removeSeeLess(
          prepared,
          req.seeLess,
          taxonomy,
          ctx.minConfidence,
          ctx.classifyScratch,
          arena,
        );

  let pool: PreparedList | null = null;
  let recoveryLists: number[][] = [];
  let available = 0;
  let rejected: RebalanceResult['rejectedRecovery'] = [];
  if (actions.callers.length > 0 && req.recovery.length > 0) {
    pool = prepareList(
      req.recovery,
      {
        api,
        field: 'recovery',
        taxonomy,
        minConfidence: ctx.minConfidence,
        skipInvalid,
        classify: true,
        dimension: organic.embeddings.dimension,
        keepViews: ctx.bannerFor !== null,
      },
      arena,
    );
    const sorted = sortRecoveryPool(
      pool,
      groupIds,
      actions.callers,
      organic.table,
      req.state,
      policy.recovery.cooldown,
    );
    recoveryLists = sorted.lists;
    available = sorted.available;
    rejected = sorted.rejected;
  }

  const order =
    actions.diversify === null
      ? null
      : diversifiedOrder(organic, groupIds.length, actions.diversify);
  const fill = fillSlots(
    {
      count: organic.count,
      order,
      groups: groupIds.length,
      capCount: actions.capCount,
      capWindow: actions.capWindow,
      triggering: organic.triggering,
      size: req.size,
      recoveryEvery: actions.recoveryEvery,
      recoveryAvailable: available,
      maxShare: policy.recovery.maxShare,
    },
    arena,
  );

  const recoverySlots = fill.recoverySlots;
  const assigned =
    pool === null || recoverySlots === 0
      ? null
      : assignRecovery(
          rankByRelevance(pool, recoveryLists, centroidOf(organic, fill.slots, arena), arena),
          recoverySlots,
          pool.count,
          arena,
        );
  const served = fill.slots.length;
  const items: Item[] = new Array<Item>(served);
  const slots: Slot[] = new Array<Slot>(served);
  const banners = ctx.bannerFor;
  const reasons = new OrganicReasons(fill, order, ctx.reasons, arena);
  // The decision record's tallies, kept while the slots are built: the slots that differ from
  // the host's order, and the recovery slots per calling group (`actions.callers` index).
  // Sized on the first change for every slot left, and cut to length after: grown by `push`
  // from empty it was copied a dozen times for a feed a recovery slot shifts from the top down.
  let changes = NO_CHANGES as DecisionChange[];
  let changed = 0;
  const recoveryByCaller = pool === null ? null : new Array<number>(actions.callers.length).fill(0);
  const firstServed: number[] = [];
  // The columns the loop reads, as locals: it allocates, which keeps the compiler from hoisting
  // their loads out of it.
  const filled = fill.slots;
  const { from: organicFrom, ids: organicIds, sources: organicSources } = organic;
  let r = 0;
  for (let s = 0; s < served; s++) {
    const v = filled[s]!;
    let slot: Slot;
    if (v >= 0) {
      const from = organicFrom[v]!;
      const id = organicIds[v]!;
      slot = { id, source: 'organic', from, reasons: reasons.next(v) };
      if (from !== s) {
        if (changes === NO_CHANGES) changes = new Array<DecisionChange>(served - s);
        changes[changed++] = { slot: s, id, from };
      }
      items[s] = organicSources[v]!;
      if (banners !== null) slot = withBanner(slot, banners, organic.views![v]!, req.locale);
    } else {
      // The fill made exactly as many recovery slots as could be assigned.
      const p = assigned!.views[r]!;
      const caller = assigned!.callers[r++]!;
      const group = actions.callers[caller]!;
      slot = {
        id: pool!.ids[p]!,
        source: 'recovery',
        from: null,
        reasons: ctx.reasons.recoveryOf(group),
      };
      if (changes === NO_CHANGES) changes = new Array<DecisionChange>(served - s);
      changes[changed++] = { slot: s, id: slot.id, from: null };
      if (recoveryByCaller![caller]!++ === 0) firstServed.push(caller);
      items[s] = pool!.sources[p]!;
      if (banners !== null) slot = withBanner(slot, banners, pool!.views![p]!, req.locale);
    }
    slots[s] = slot;
  }
  if (changes !== NO_CHANGES) changes.length = changed;
  const dropped = droppedCandidates(organic, fill, order, actions, ctx.reasons);

  return {
    items,
    slots,
    dropped,
    rejectedRecovery: rejected,
    assessment: req.assessment,
    applied: actions.applied,
    decision: decisionRecord(
      ctx.policyFingerprint,
      {
        changes,
        recoveryGroups: firstServed.map((c) => groupIds[actions.callers[c]!]!),
        recoveryCounts: firstServed.map((c) => recoveryByCaller![c]!),
        levels: actions.levels,
      },
      served,
      dropped,
      req.assessment,
      Math.min(req.size, req.candidates.length),
      req.shadow,
    ),
  };
}
