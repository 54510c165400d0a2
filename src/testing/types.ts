import type { RebalanceRequest, Rebalancer } from '../facade/types.js';
import type { RebalanceResult } from '../rerank/types.js';
import type { ObserveEvent } from '../exposure/types.js';
import type { PolicyInput } from '../policy/types.js';
import type { TaxonomyInput } from '../taxonomy/types.js';

/**
 * The eight guarantees, by number: 1 no invention, 2 nothing lost silently, 3 no cost for the
 * unaffected, 4 caps hold, 5 top slots first, 6 stability, 7 recovery cadence, 8 determinism and
 * untouched inputs. Each is stated exactly, with how "see less" and `onInvalidItem: 'skip'` bear
 * on it, in docs/guarantees.md.
 *
 * @example
 * ```ts
 * import type { GuaranteeNumber } from 'feed-rebalancer/testing';
 * const capsAndCadence: GuaranteeNumber[] = [4, 7];
 * ```
 */
export type GuaranteeNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * What is checked: a {@link Rebalancer}, or any function with the shape of its `rebalance`
 * method (a re-ranker of your own, or ours wrapped in yours).
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import type { RebalanceTarget } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.balanced });
 * const wrapped: RebalanceTarget = (request) => rb.rebalance(request);
 * ```
 */
export type RebalanceTarget = Rebalancer | ((request: RebalanceRequest) => RebalanceResult);

/**
 * One generated request together with the impressions and feedback its state was reached
 * through.
 *
 * @example
 * ```ts
 * import type { RebalanceCase } from 'feed-rebalancer/testing';
 * declare const c: RebalanceCase;
 * console.log(c.impressions.length, c.request.candidates.length);
 * ```
 */
export interface RebalanceCase {
  /**
   * What the reference engine observed to reach `request.state`, in time order: impressions, and
   * "see less" feedback events (`{ seeLess: { target }, at }`), as `observe` takes them.
   */
  readonly impressions: readonly ObserveEvent[];
  /** The request given to the target. */
  readonly request: RebalanceRequest;
}

/**
 * Everything a guarantee check looks at: the reference engine (classification, policy, levels),
 * the request, the target's result, a copy of the request taken before the target ran, and a
 * way to run the target again.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * import { createGuaranteeContext, checkCapsHold } from 'feed-rebalancer/testing';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.dispersion });
 * const request = { candidates: [{ id: 'a', topics: ['pro-ana'] }], state: rb.emptyState(), at: 0 };
 * console.log(checkCapsHold(createGuaranteeContext(rb, rb, request))); // null: the caps hold
 * ```
 */
export interface GuaranteeContext {
  /** The engine whose classification, policy and assessment the target must honour. */
  readonly reference: Rebalancer;
  /** The request the target was given. */
  readonly request: RebalanceRequest;
  /** A deep copy of `request` taken before the target ran: what the checks read as the input. */
  readonly snapshot: RebalanceRequest;
  /** What the target returned. */
  readonly result: RebalanceResult;
  /** Runs the target again (for determinism). */
  readonly run: (request: RebalanceRequest) => RebalanceResult;
}

/**
 * A guarantee check: `null` when the guarantee holds, otherwise a sentence saying what broke.
 *
 * @example
 * ```ts
 * import type { GuaranteeCheck } from 'feed-rebalancer/testing';
 * const servesSomething: GuaranteeCheck = ({ result }) =>
 *   result.items.length > 0 ? null : 'served nothing';
 * ```
 */
export type GuaranteeCheck = (context: GuaranteeContext) => string | null;

/**
 * A property of your own, checked beside the guarantees on every generated request. It fails
 * when it returns `false` or a string (the message), or throws (so `expect` works inside).
 *
 * @example
 * ```ts
 * import type { CustomProperty } from 'feed-rebalancer/testing';
 * const atMostTen: CustomProperty = {
 *   name: 'serves at most ten items',
 *   check: ({ result }) => result.items.length <= 10,
 * };
 * ```
 */
export interface CustomProperty {
  /** Reported as `guarantee` when the property fails. */
  readonly name: string;
  /** The property. */
  readonly check: (context: GuaranteeContext) => unknown;
}

/**
 * Options of `checkRebalancer` and `assertRebalancer`.
 *
 * @example
 * ```ts
 * import type { CheckOptions } from 'feed-rebalancer/testing';
 * const options: CheckOptions = { policy: { levels: { sustained: { cap: { count: 1, window: 5 } } } }, numRuns: 200, seed: 42 };
 * ```
 */
export interface CheckOptions {
  /**
   * The taxonomy whose topics and terms the generated items carry, and which a function target
   * classifies with. Pass it for a Rebalancer built on a taxonomy of your own, so that generated
   * items hit its groups.
   * @defaultValue `presets.taxonomies.default`
   */
  readonly taxonomy?: TaxonomyInput;
  /**
   * The policy whose caps and cadence a function target must keep; ignored when the target is
   * a Rebalancer (its own policy is used).
   * @defaultValue `presets.policies.balanced`
   */
  readonly policy?: PolicyInput;
  /** Generated requests to check. @defaultValue 100 */
  readonly numRuns?: number;
  /** Seed of the generator, to replay a failure. @defaultValue a fresh seed per call */
  readonly seed?: number;
  /** Which guarantees to check. @defaultValue all eight */
  readonly guarantees?: readonly GuaranteeNumber[];
  /** Properties of your own, checked after the guarantees. @defaultValue [] */
  readonly properties?: readonly CustomProperty[];
}

/**
 * What `checkRebalancer` found: `{ ok: true }`, or the first broken guarantee with a shrunk
 * counterexample and the seed that replays it.
 *
 * @example
 * ```ts
 * import type { CheckResult } from 'feed-rebalancer/testing';
 * declare const r: CheckResult;
 * if (!r.ok) console.log(r.guarantee, r.message, r.seed);
 * ```
 */
export type CheckResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The guarantee's number, a custom property's name, or `'error'` when the target threw. */
      readonly guarantee: GuaranteeNumber | string;
      /** The smallest failing case fast-check found. */
      readonly counterexample: RebalanceCase;
      /** The seed of the run; pass it back as `seed` to replay. */
      readonly seed: number;
      /** What broke, in one paragraph. */
      readonly message: string;
    };
