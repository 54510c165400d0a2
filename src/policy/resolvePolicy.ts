import { InputReader } from '../validate/reader.js';
import { POLICY_DEFAULTS } from './defaults.js';
import { defaultDetection, resolveDetection } from './resolveDetection.js';
import { resolveGroups } from './resolveGroups.js';
import { resolveLevels } from './resolveLevels.js';
import type { ResolvedPolicy } from './resolved.js';

/**
 * Validates an untrusted policy and fills in every default. `createRebalancer` calls it; call it
 * yourself to check a policy file or to read the numbers a preset resolves to.
 *
 * Per-group blocks (`groups`) are resolved too: `groups[id]` holds each listed group's
 * `minConfidence`, `detection` and `levels`, its own where its block gives them and the
 * top-level ones otherwise. Without a taxonomy this function cannot know the group ids; an id
 * the taxonomy lacks is an error at `createRebalancer`.
 *
 * @param input - the policy, as plain JSON (see {@link PolicyInput})
 * @param api - the API name that error messages start with
 * @returns the resolved policy
 * @throws RebalanceError with code `policy` and the JSON `path` of the first offending field
 *
 * @example
 * ```ts
 * import { resolvePolicy } from 'feed-rebalancer';
 * const p = resolvePolicy({ detection: { kind: 'run', length: 5 }, levels: { sustained: { recoveryEvery: 4 } } });
 * console.log(p.levels.sustained.recoveryEvery, p.levels.none.cap); // 4 null
 * ```
 */
export function resolvePolicy(input: unknown, api = 'resolvePolicy'): ResolvedPolicy {
  const r = new InputReader(api, 'policy', 'policy');
  const p = r.object(input === undefined ? {} : input, '', [
    'audience',
    'minConfidence',
    'exposure',
    'detection',
    'levels',
    'recovery',
    'onInvalidItem',
    'groups',
  ]);
  const d = POLICY_DEFAULTS;
  const e =
    p.exposure === undefined
      ? (Object.create(null) as Record<string, unknown>)
      : r.object(p.exposure, 'exposure', [
          'halfLife',
          'halfLifeMs',
          'sessionGapMs',
          'referenceDwellMs',
          'maxDwellWeight',
        ]);
  const minConfidence =
    p.minConfidence === undefined
      ? d.minConfidence
      : r.number(p.minConfidence, 'minConfidence', 0, 1, 'min');
  const detection =
    p.detection === undefined ? defaultDetection() : resolveDetection(r, p.detection, 'detection');
  const levels = resolveLevels(r, p.levels, 'levels');
  const rec =
    p.recovery === undefined
      ? (Object.create(null) as Record<string, unknown>)
      : r.object(p.recovery, 'recovery', ['cooldown', 'maxShare']);
  return {
    audience:
      p.audience === undefined
        ? d.audience
        : r.oneOf(p.audience, 'audience', ['general', 'minor'] as const),
    minConfidence,
    exposure: {
      halfLife:
        e.halfLife === undefined
          ? d.exposure.halfLife
          : r.number(e.halfLife, 'exposure.halfLife', 0, 1e9, 'min'),
      halfLifeMs:
        e.halfLifeMs === undefined
          ? d.exposure.halfLifeMs
          : r.number(e.halfLifeMs, 'exposure.halfLifeMs', 0, 1e15, 'min'),
      sessionGapMs:
        e.sessionGapMs === undefined
          ? d.exposure.sessionGapMs
          : r.number(e.sessionGapMs, 'exposure.sessionGapMs', 0, 1e15, 'min'),
      referenceDwellMs:
        e.referenceDwellMs === undefined
          ? d.exposure.referenceDwellMs
          : r.number(e.referenceDwellMs, 'exposure.referenceDwellMs', 0, 1e9, 'min'),
      maxDwellWeight:
        e.maxDwellWeight === undefined
          ? d.exposure.maxDwellWeight
          : r.number(e.maxDwellWeight, 'exposure.maxDwellWeight', 0, 1e6, 'min'),
    },
    detection,
    levels,
    recovery: {
      cooldown:
        rec.cooldown === undefined
          ? d.recovery.cooldown
          : r.integer(rec.cooldown, 'recovery.cooldown', 0, 100_000),
      maxShare:
        rec.maxShare === undefined
          ? d.recovery.maxShare
          : r.number(rec.maxShare, 'recovery.maxShare', 0, 1, 'min'),
    },
    onInvalidItem:
      p.onInvalidItem === undefined
        ? d.onInvalidItem
        : r.oneOf(p.onInvalidItem, 'onInvalidItem', ['throw', 'skip'] as const),
    groups: resolveGroups(r, p.groups, { minConfidence, detection, levels }),
  };
}
