import type { InputReader } from '../validate/reader.js';
import { POLICY_DEFAULTS } from './defaults.js';
import type { ResolvedDiversify, ResolvedLevelAction } from './resolved.js';
import type { Cap } from './types.js';
import { LEVELS, type Level } from '../detect/levels.js';

/** The levels, lowest first. @internal */

const NOTHING: ResolvedLevelAction = Object.freeze({
  cap: null,
  recoveryEvery: null,
  diversify: null,
});

/**
 * Validates one `levels` block; a level it leaves out does nothing. Paths are relative to the
 * policy (`levels.sustained.recoveryEvery`, `groups.suicide.levels.sustained.cap.count`).
 *
 * @param r - the policy's reader
 * @param raw - the untrusted block, or `undefined` for none
 * @param path - where it sits in the policy
 * @returns what each level does, in a null-prototype record
 * @throws RebalanceError with code `policy` and the path of the first bad field
 *
 * @internal
 */
export function resolveLevels(
  r: InputReader,
  raw: unknown,
  path: string,
): Readonly<Record<Level, ResolvedLevelAction>> {
  const given =
    raw === undefined
      ? (Object.create(null) as Record<string, unknown>)
      : r.object(raw, path, LEVELS);
  const levels = Object.create(null) as Record<Level, ResolvedLevelAction>;
  for (const level of LEVELS) levels[level] = resolveLevel(r, given[level], `${path}.${level}`);
  return levels;
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
