import { joinPath } from '../errors/describe.js';
import type { InputReader } from '../validate/reader.js';
import { resolveDetection } from './resolveDetection.js';
import { resolveLevels } from './resolveLevels.js';
import type { ResolvedGroupPolicy } from './resolved.js';
import { LIMITS } from '../validate/limits.js';

/** Longest group id, as the taxonomy allows. */

/**
 * Validates `policy.groups` and resolves each block against the top-level values: a field the
 * block gives replaces the top-level one whole (a group's `levels` is not merged with the
 * top-level `levels`), a field it leaves out is the top-level one. Group ids are untrusted
 * names: the result is a null-prototype record, so `__proto__` and `constructor` are plain
 * keys. Whether each id is a group of the taxonomy is checked where the taxonomy is known
 * (`createRebalancer`).
 *
 * @param r - the policy's reader
 * @param raw - the untrusted `groups` field, or `undefined`
 * @param top - the resolved top-level `minConfidence`, `detection` and `levels`
 * @returns the resolved block of each group that has one
 * @throws RebalanceError with code `policy` and the path relative to the policy
 *   (`groups.suicide.detection.h`)
 *
 * @internal
 */
export function resolveGroups(
  r: InputReader,
  raw: unknown,
  top: ResolvedGroupPolicy,
): Readonly<Record<string, ResolvedGroupPolicy>> {
  const out = Object.create(null) as Record<string, ResolvedGroupPolicy>;
  if (raw === undefined) return out;
  const blocks = r.record(raw, 'groups', LIMITS.groups, LIMITS.nameLength);
  for (const id of Object.keys(blocks)) {
    const path = joinPath('groups', id);
    const block = r.object(blocks[id], path, ['minConfidence', 'detection', 'levels']);
    out[id] = {
      minConfidence:
        block.minConfidence === undefined
          ? top.minConfidence
          : r.number(block.minConfidence, `${path}.minConfidence`, 0, 1, 'min'),
      detection:
        block.detection === undefined
          ? top.detection
          : resolveDetection(r, block.detection, `${path}.detection`),
      levels:
        block.levels === undefined ? top.levels : resolveLevels(r, block.levels, `${path}.levels`),
    };
  }
  return out;
}
