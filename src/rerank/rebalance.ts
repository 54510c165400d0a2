import type { UserState } from '../exposure/types.js';
import type { Cap } from '../policy/types.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolved.js';
import type { Item } from '../item/types.js';
import type { RebalanceResult, Slot } from './types.js';
import type { EngineResult } from './decision/finishResult.js';
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
  /** Ids of the groups with a policy of their own, in taxonomy order (frozen; often empty). */
  readonly ownPolicy: readonly string[];
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
): EngineResult {
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
): EngineResult {
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
  let r = 0;
  for (let s = 0; s < served; s++) {
    const v = fill.slots[s]!;
    let slot: Slot;
    if (v >= 0) {
      slot = {
        id: organic.ids[v]!,
        source: 'organic',
        from: organic.from[v]!,
        reasons: reasons.next(v),
      };
      items[s] = organic.sources[v]!;
      if (banners !== null) slot = withBanner(slot, banners, organic.views![v]!, req.locale);
    } else {
      // The fill made exactly as many recovery slots as could be assigned.
      const p = assigned!.views[r]!;
      const caller = assigned!.callers[r++]!;
      slot = {
        id: pool!.ids[p]!,
        source: 'recovery',
        from: null,
        reasons: ctx.reasons.recoveryOf(actions.callers[caller]!),
      };
      items[s] = pool!.sources[p]!;
      if (banners !== null) slot = withBanner(slot, banners, pool!.views![p]!, req.locale);
    }
    slots[s] = slot;
  }
  const dropped = droppedCandidates(organic, fill, order, actions, groupIds);

  const caps = Object.create(null) as Record<string, Cap>;
  for (let g = 0; g < groupIds.length; g++)
    if (actions.capCount[g]! >= 0)
      caps[groupIds[g]!] = { count: actions.capCount[g]!, window: actions.capWindow[g]! };
  return {
    items,
    slots,
    dropped,
    rejectedRecovery: rejected,
    assessment: req.assessment,
    applied: {
      caps,
      recoveryEvery: actions.recoveryEvery === 0 ? null : actions.recoveryEvery,
      recoveryGroups: actions.callers.map((g) => groupIds[g]!),
      diversify: actions.diversify === null ? null : actions.diversify.kind,
      ...(ctx.ownPolicy.length === 0 ? {} : { ownPolicy: ctx.ownPolicy }),
    },
  };
}
