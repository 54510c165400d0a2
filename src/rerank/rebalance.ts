import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import { readField } from '../validate/readField.js';
import type { UserState } from '../exposure/types.js';
import type { Cap } from '../policy/types.js';
import type { ResolvedPolicy } from '../policy/resolved.js';
import type { ResolvedTaxonomy } from '../taxonomy/resolveTaxonomy.js';
import type { Item } from '../item/types.js';
import { LIMITS } from '../item/limits.js';
import type { Assessment, RebalanceResult, Slot } from '../facade/types.js';
import type { EngineResult } from './decision/finishResult.js';
import type { ActionCache } from './actions.js';
import { fillSlots } from './fill.js';
import { prepareList, type PreparedList } from './prepare.js';
import { assignRecovery, rankByRelevance, sortRecoveryPool } from './recovery.js';
import { diversifiedOrder } from './diversified.js';
import { droppedCandidates, OrganicReasons } from './audit.js';
import { removeSeeLess, type SeeLessBlock } from './seeLess.js';
import { Arena } from '../scratch/Arena.js';
import type { ReasonLists } from './reasonLists.js';
import type { ItemView } from '../item/readItem.js';
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

/** Reads the untrusted request fields other than state and time. @internal */
export function readRequestLists(
  request: object,
  api: string,
): { candidates: readonly unknown[]; recovery: readonly unknown[]; size: number } {
  const candidates = readField(request, 'candidates', 'request', api);
  const recovery = readField(request, 'recovery', 'request', api);
  const size = readField(request, 'size', 'request', api);
  if (!Array.isArray(candidates))
    throw new RebalanceError(
      'request',
      `${api}: candidates must be an array of items (got ${describeValue(candidates)})`,
      'candidates',
    );
  if (candidates.length > LIMITS.candidates)
    throw new RebalanceError(
      'request',
      `${api}: candidates must hold at most ${LIMITS.candidates} items (got ${candidates.length})`,
      'candidates',
    );
  if (recovery !== undefined && !Array.isArray(recovery))
    throw new RebalanceError(
      'request',
      `${api}: recovery must be an array of items (got ${describeValue(recovery)})`,
      'recovery',
    );
  const pool = (recovery ?? []) as unknown[];
  if (pool.length > LIMITS.recoveryPool)
    throw new RebalanceError(
      'request',
      `${api}: recovery must hold at most ${LIMITS.recoveryPool} items (got ${pool.length})`,
      'recovery',
    );
  if (size !== undefined && (typeof size !== 'number' || !Number.isInteger(size) || size < 0))
    throw new RebalanceError(
      'request',
      `${api}: size must be an integer >= 0 (got ${describeValue(size)})`,
      'size',
    );
  return { candidates: candidates as unknown[], recovery: pool, size: size ?? Infinity };
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
  const arena = Arena.take();
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
      : removeSeeLess(prepared, req.seeLess, taxonomy, ctx.minConfidence, arena);

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
      triggerMask: organic.triggerMask,
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

/** Adds the banner to a slot when a rule applies; a slot without one keeps its exact shape. */
function withBanner(slot: Slot, bannerFor: BannerFinder, view: ItemView, locale: string): Slot {
  // The validated snapshot, not the caller's object: it is not read twice.
  let topics: Item['topics'] = view.topics ?? [];
  if (view.confidences !== null) {
    const byTopic = Object.create(null) as Record<string, number>;
    for (let t = 0; t < view.confidences.length; t++)
      byTopic[view.topics![t]!] = view.confidences[t]!;
    topics = byTopic;
  }
  const banner = bannerFor(
    { topics, hashtags: view.hashtags ?? [], text: view.text ?? '' },
    locale,
  );
  return banner === null ? slot : { ...slot, banner };
}

/**
 * Mean embedding of the served organic items that have one, or null. Eight dimensions at a time,
 * each summed over the items in slot order in a local: the same sums as a plain loop, without a
 * load and store of the running sum per element (this is the costliest loop of a request with
 * embeddings).
 */
function centroidOf(organic: PreparedList, slots: Int32Array, arena: Arena): Float64Array | null {
  const { data, dimension } = organic.embeddings;
  if (dimension === 0) return null;
  const bases = arena.int32(slots.length, false);
  let count = 0;
  for (let s = 0; s < slots.length; s++) {
    const v = slots[s]!;
    if (v < 0) continue;
    const row = organic.embedding[v]!;
    if (row >= 0) bases[count++] = row * dimension;
  }
  if (count === 0) return null;
  const mean = arena.float64(dimension, false);
  let d = 0;
  for (; d + 7 < dimension; d += 8) {
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0,
      a4 = 0,
      a5 = 0,
      a6 = 0,
      a7 = 0;
    for (let k = 0; k < count; k++) {
      const b = bases[k]! + d;
      a0 += data[b]!;
      a1 += data[b + 1]!;
      a2 += data[b + 2]!;
      a3 += data[b + 3]!;
      a4 += data[b + 4]!;
      a5 += data[b + 5]!;
      a6 += data[b + 6]!;
      a7 += data[b + 7]!;
    }
    mean[d] = a0 / count;
    mean[d + 1] = a1 / count;
    mean[d + 2] = a2 / count;
    mean[d + 3] = a3 / count;
    mean[d + 4] = a4 / count;
    mean[d + 5] = a5 / count;
    mean[d + 6] = a6 / count;
    mean[d + 7] = a7 / count;
  }
  for (; d < dimension; d++) {
    let a = 0;
    for (let k = 0; k < count; k++) a += data[bases[k]! + d]!;
    mean[d] = a / count;
  }
  return mean;
}
