import { policyPresets } from '../policy/presets.js';
import { defaultTaxonomy } from '../taxonomy/presets/defaultTaxonomy.js';
import type { PolicyInput } from '../policy/types.js';
import type { TaxonomyInput } from '../taxonomy/types.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * Ready-made taxonomies and policies. All are deeply frozen plain JSON: copy and edit them to
 * make your own.
 *
 * - `taxonomies.default`: `eating-disorder`, `self-harm` and `suicide`, with their triggering and
 *   recovery topics and hashtag terms.
 * - `policies.off`: changes nothing — the baseline for comparisons.
 * - `policies.dispersion`: light caps for everyone, no detection needed.
 * - `policies.balanced`: nothing until a sustained run is detected; then caps and recovery.
 * - `policies.protective`: a more sensitive detector, caps for everyone, denser recovery.
 * - `policies.minor`: `audience: 'minor'`; filters the groups out entirely, as the UK children's
 *   codes require for suicide, self-harm and eating-disorder content in children's feeds.
 *
 * The reasoning behind every number is in docs/policy.md.
 *
 * @example
 * ```ts
 * import { createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy: presets.policies.protective });
 * ```
 */
export const presets: {
  readonly taxonomies: { readonly default: TaxonomyInput };
  readonly policies: {
    readonly off: PolicyInput;
    readonly dispersion: PolicyInput;
    readonly balanced: PolicyInput;
    readonly protective: PolicyInput;
    readonly minor: PolicyInput;
  };
} = deepFreeze({
  taxonomies: { default: defaultTaxonomy },
  policies: policyPresets,
});
