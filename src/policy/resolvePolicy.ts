import { InputReader } from '../validate/reader.js';
import { cusumGamma } from '../detect/cusumGamma.js';
import { MAX_DETECTOR_WINDOW, POLICY_DEFAULTS } from './defaults.js';
import type { Cap, Level } from './types.js';
import type {
  ResolvedDetection,
  ResolvedDiversify,
  ResolvedLevelAction,
  ResolvedPolicy,
} from './resolved.js';

const LEVELS: readonly Level[] = ['none', 'elevated', 'sustained'];
const NOTHING: ResolvedLevelAction = Object.freeze({
  cap: null,
  recoveryEvery: null,
  diversify: null,
});

function resolveDetection(r: InputReader, raw: unknown): ResolvedDetection {
  if (raw === undefined) {
    const { p0, p1, h } = POLICY_DEFAULTS.detection;
    return { kind: 'cusum', p0, p1, h, gamma: cusumGamma(p0, p1), hold: POLICY_DEFAULTS.hold };
  }
  const kindOnly = r.object(raw, 'detection', [
    'kind',
    'length',
    'count',
    'window',
    'p0',
    'p1',
    'h',
    'lambda',
    'limit',
    'hold',
  ]);
  const kind = r.oneOf(kindOnly.kind, 'detection.kind', [
    'run',
    'window',
    'cusum',
    'ewma',
  ] as const);
  const hold =
    kindOnly.hold === undefined
      ? POLICY_DEFAULTS.hold
      : r.integer(kindOnly.hold, 'detection.hold', 0, 10_000);
  switch (kind) {
    case 'run': {
      const d = r.object(raw, 'detection', ['kind', 'length', 'hold']);
      return {
        kind,
        length: r.integer(d.length, 'detection.length', 1, MAX_DETECTOR_WINDOW),
        hold,
      };
    }
    case 'window': {
      const d = r.object(raw, 'detection', ['kind', 'count', 'window', 'hold']);
      const window = r.integer(d.window, 'detection.window', 1, MAX_DETECTOR_WINDOW);
      const count = r.integer(d.count, 'detection.count', 1, window);
      return { kind, count, window, hold };
    }
    case 'cusum': {
      const d = r.object(raw, 'detection', ['kind', 'p0', 'p1', 'h', 'hold']);
      const p0 = r.number(d.p0, 'detection.p0', 0, 1, 'both');
      const p1 = r.number(d.p1, 'detection.p1', p0, 1, 'both');
      const h = r.number(d.h, 'detection.h', 0, 10_000, 'min');
      return { kind, p0, p1, h, gamma: cusumGamma(p0, p1), hold };
    }
    case 'ewma': {
      const d = r.object(raw, 'detection', ['kind', 'lambda', 'limit', 'hold']);
      const lambda = r.number(d.lambda, 'detection.lambda', 0, 1, 'min');
      const limit = r.number(d.limit, 'detection.limit', 0, 1, 'min');
      return { kind, lambda, limit, hold };
    }
  }
}

function resolveCap(r: InputReader, raw: unknown, path: string): Cap {
  const c = r.object(raw, path, ['count', 'window']);
  const window = r.integer(c.window, `${path}.window`, 1, 10_000);
  const count = r.integer(c.count, `${path}.count`, 0, window);
  return { count, window };
}

function resolveDiversify(r: InputReader, raw: unknown, path: string): ResolvedDiversify {
  const head = r.object(raw, path, ['kind', 'lambda', 'theta', 'window', 'depth']);
  const kind = r.oneOf(head.kind, `${path}.kind`, ['mmr', 'dpp'] as const);
  const depth =
    head.depth === undefined
      ? POLICY_DEFAULTS.diversify.depth
      : r.integer(head.depth, `${path}.depth`, 1, 10_000);
  if (kind === 'mmr') {
    const d = r.object(raw, path, ['kind', 'lambda', 'depth']);
    return { kind, lambda: r.number(d.lambda, `${path}.lambda`, 0, 1), depth };
  }
  const d = r.object(raw, path, ['kind', 'theta', 'window', 'depth']);
  const theta =
    d.theta === undefined
      ? POLICY_DEFAULTS.diversify.theta
      : r.number(d.theta, `${path}.theta`, 0, 1, 'max');
  const window = d.window === undefined ? null : r.integer(d.window, `${path}.window`, 2, 10_000);
  return { kind, theta, window, depth };
}

function resolveLevel(r: InputReader, raw: unknown, path: string): ResolvedLevelAction {
  if (raw === undefined) return NOTHING;
  const l = r.object(raw, path, ['cap', 'recoveryEvery', 'diversify']);
  return {
    cap: l.cap === undefined ? null : resolveCap(r, l.cap, `${path}.cap`),
    recoveryEvery:
      l.recoveryEvery === undefined
        ? null
        : r.integer(l.recoveryEvery, `${path}.recoveryEvery`, 2, 10_000),
    diversify:
      l.diversify === undefined ? null : resolveDiversify(r, l.diversify, `${path}.diversify`),
  };
}

/**
 * Validates an untrusted policy and fills in every default. `createRebalancer` calls it; call it
 * yourself to check a policy file or to read the numbers a preset resolves to.
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
  const levelsRaw =
    p.levels === undefined
      ? (Object.create(null) as Record<string, unknown>)
      : r.object(p.levels, 'levels', LEVELS);
  const levels = Object.create(null) as Record<Level, ResolvedLevelAction>;
  for (const level of LEVELS) levels[level] = resolveLevel(r, levelsRaw[level], `levels.${level}`);
  const rec =
    p.recovery === undefined
      ? (Object.create(null) as Record<string, unknown>)
      : r.object(p.recovery, 'recovery', ['cooldown', 'maxShare']);
  return {
    audience:
      p.audience === undefined
        ? d.audience
        : r.oneOf(p.audience, 'audience', ['general', 'minor'] as const),
    minConfidence:
      p.minConfidence === undefined
        ? d.minConfidence
        : r.number(p.minConfidence, 'minConfidence', 0, 1, 'min'),
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
    detection: resolveDetection(r, p.detection),
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
  };
}

/** Whether a level asks for anything. @internal */
export function levelActs(action: ResolvedLevelAction): boolean {
  return action.cap !== null || action.recoveryEvery !== null || action.diversify !== null;
}
