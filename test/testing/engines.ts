import fc from 'fast-check';
import { createRebalancer, presets } from '../../src/index.js';
import type { PolicyInput, Rebalancer } from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';
import type { RebalanceCase } from '../../src/testing/index.js';

/** The policy presets the guarantees are checked under. */
export const PRESET_NAMES = ['off', 'dispersion', 'balanced', 'protective', 'minor'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const engines = new Map<string, Rebalancer>();

/** One engine per policy (keyed by its JSON), so that shrinking does not rebuild the taxonomy each time. */
export function engineFor(policy: PolicyInput): Rebalancer {
  const key = JSON.stringify(policy);
  let rb = engines.get(key);
  if (rb === undefined) {
    rb = createRebalancer({ taxonomy: presets.taxonomies.default, policy });
    engines.set(key, rb);
  }
  return rb;
}

/** A case generated under a preset: the preset's name names the engine. */
export interface PresetCase {
  readonly preset: PresetName;
  readonly case: RebalanceCase;
}

/** Requests under each preset, with states reached through streams observed by that preset's engine. */
export function presetCases(): fc.Arbitrary<PresetCase> {
  return fc.oneof(
    ...PRESET_NAMES.map((preset) =>
      arbitraries
        .rebalanceCase(engineFor(presets.policies[preset]))
        .map((c): PresetCase => ({ preset, case: c })),
    ),
  );
}

/** A case generated under a generated policy. */
export interface PolicyCase {
  readonly policy: PolicyInput;
  readonly case: RebalanceCase;
}

const GROUP_IDS = presets.taxonomies.default.groups.map((g) => g.id);

/**
 * Requests under generated policies (diversifying levels included when asked), some with blocks
 * of their own for groups of the default taxonomy.
 */
export function policyCases(diversify = false): fc.Arbitrary<PolicyCase> {
  return arbitraries
    .policy({ diversify, groups: GROUP_IDS })
    .chain((policy) =>
      arbitraries.rebalanceCase(engineFor(policy)).map((c): PolicyCase => ({ policy, case: c })),
    );
}
