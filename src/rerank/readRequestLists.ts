import { RebalanceError } from '../errors/RebalanceError.js';
import { failInput } from '../validate/fail.js';
import { LIMITS } from '../validate/limits.js';
import { readField } from '../validate/readField.js';

/** Reads the untrusted request fields other than state and time. @internal */
export function readRequestLists(
  request: object,
  api: string,
): { candidates: readonly unknown[]; recovery: readonly unknown[]; size: number } {
  const candidates = readField(request, 'candidates', 'request', api);
  const recovery = readField(request, 'recovery', 'request', api);
  const size = readField(request, 'size', 'request', api);
  if (!Array.isArray(candidates))
    failInput('request', api, 'candidates', 'must be an array of items', candidates);
  if (candidates.length > LIMITS.candidates)
    throw new RebalanceError(
      'request',
      `${api}: candidates must hold at most ${LIMITS.candidates} items (got ${candidates.length})`,
      'candidates',
    );
  if (recovery !== undefined && !Array.isArray(recovery))
    failInput('request', api, 'recovery', 'must be an array of items', recovery);
  const pool = (recovery ?? []) as unknown[];
  if (pool.length > LIMITS.recoveryPool)
    throw new RebalanceError(
      'request',
      `${api}: recovery must hold at most ${LIMITS.recoveryPool} items (got ${pool.length})`,
      'recovery',
    );
  if (size !== undefined && (typeof size !== 'number' || !Number.isInteger(size) || size < 0))
    failInput('request', api, 'size', 'must be an integer >= 0', size);
  return { candidates: candidates as unknown[], recovery: pool, size: size ?? Infinity };
}
