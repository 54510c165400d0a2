import type { Item } from '../../index.js';
import { joinPath } from '../../errors/describe.js';
import { readItem } from '../../item/readItem.js';
import { LIMITS } from '../../validate/limits.js';
import { InputReader } from '../../validate/reader.js';

/** The API name that starts every message about the log. @internal */
export const REPLAY = 'replay';

/** Latest time a record may carry: the largest `Date` (ms since the epoch). */
const MAX_AT = 8.64e15;
/** Longest dwell a record may carry: a day. */
const MAX_DWELL_MS = 86_400_000;

const REQUEST_KEYS = ['type', 'user', 'at', 'candidates', 'served', 'recovery'] as const;
const IMPRESSION_KEYS = ['type', 'user', 'at', 'id', 'dwellMs'] as const;
const ALL_KEYS: readonly string[] = [...new Set([...REQUEST_KEYS, ...IMPRESSION_KEYS])];

/**
 * A checked request record: candidates in the host's order with their ground-truth labels
 * (`null` where the log gives none), the served ids and the recovery pool (`null`: none logged).
 *
 * @internal
 */
export interface CheckedRequest {
  readonly type: 'request';
  readonly user: string;
  readonly at: number;
  readonly candidates: readonly Item[];
  readonly labels: readonly (boolean | null)[];
  readonly served: readonly string[];
  readonly recovery: readonly Item[] | null;
}

/** A checked impression record. @internal */
export interface CheckedImpression {
  readonly type: 'impression';
  readonly user: string;
  readonly at: number;
  readonly id: string;
  readonly dwellMs: number;
}

/** A checked record of the log. @internal */
export type CheckedRecord = CheckedRequest | CheckedImpression;

/** The path of record `line` (1-based line of a JSON Lines file, row of a Parquet file). @internal */
export function recordPath(line: number): string {
  return `log[${line}]`;
}

// Typed explicitly, so that its `never`-returning `fail` narrows the values it rejects.
const reader: InputReader = new InputReader(REPLAY, 'argument', '');

/**
 * Checks one record of a replay log and copies what the replay reads. Every problem is a
 * `RebalanceError` with code `argument` whose `path` starts with `log[line]` and names the field
 * (`log[12].candidates[3].topics[0]`); items are checked by the library's own item reader, so
 * their rules are the ones `rebalance` applies.
 *
 * @param value - the record as parsed
 * @param line - its line (or row) number, 1-based
 * @returns the checked record
 * @throws RebalanceError with code `argument`
 * @internal
 */
export function readRecord(value: unknown, line: number): CheckedRecord {
  const base = recordPath(line);
  const fields = reader.object(value, base, ALL_KEYS);
  const type = reader.oneOf(fields['type'], joinPath(base, 'type'), ['request', 'impression']);
  const allowed: readonly string[] = type === 'request' ? REQUEST_KEYS : IMPRESSION_KEYS;
  for (const key of Object.keys(fields))
    if (!allowed.includes(key))
      reader.fail(
        joinPath(base, key),
        `is not a field of a ${type} record (expected ${allowed.join(', ')})`,
        key,
      );
  const user = reader.string(fields['user'], joinPath(base, 'user'), LIMITS.userIdLength);
  const at = reader.number(fields['at'], joinPath(base, 'at'), 0, MAX_AT);
  if (type === 'impression') {
    return {
      type,
      user,
      at,
      id: reader.string(fields['id'], joinPath(base, 'id'), LIMITS.idLength),
      dwellMs: reader.number(fields['dwellMs'], joinPath(base, 'dwellMs'), 0, MAX_DWELL_MS),
    };
  }
  const path = joinPath(base, 'candidates');
  const raw = reader.array(fields['candidates'], path, LIMITS.logCandidates);
  if (raw.length === 0) reader.fail(path, 'must hold at least one candidate', raw);
  const ids = new Set<string>();
  const labels: (boolean | null)[] = [];
  for (let i = 0; i < raw.length; i++) {
    const view = readItem(raw[i], { api: REPLAY, path, index: i, code: 'argument' });
    if (ids.has(view.id))
      reader.fail(joinPath(joinPath(path, i), 'id'), 'must be unique within the request', view.id);
    ids.add(view.id);
    labels.push(readLabel(raw[i] as object, joinPath(path, i)));
  }
  const servedPath = joinPath(base, 'served');
  const served = reader.array(fields['served'], servedPath, raw.length);
  const seen = new Set<string>();
  for (let i = 0; i < served.length; i++) {
    const id = served[i];
    if (typeof id !== 'string' || !ids.has(id))
      reader.fail(joinPath(servedPath, i), "must be the id of one of the request's candidates", id);
    if (seen.has(id)) reader.fail(joinPath(servedPath, i), 'must not repeat an id', id);
    seen.add(id);
  }
  let recovery: Item[] | null = null;
  if (fields['recovery'] !== undefined) {
    const poolPath = joinPath(base, 'recovery');
    recovery = reader.array(fields['recovery'], poolPath, LIMITS.recoveryPool) as Item[];
    for (let i = 0; i < recovery.length; i++)
      readItem(recovery[i], { api: REPLAY, path: poolPath, index: i, code: 'argument' });
  }
  return {
    type,
    user,
    at,
    candidates: raw as Item[],
    labels,
    served: served as string[],
    recovery,
  };
}

function readLabel(candidate: object, path: string): boolean | null {
  let label: unknown;
  try {
    label = (candidate as Record<string, unknown>)['harmful'];
  } catch (cause) {
    reader.unreadable(joinPath(path, 'harmful'), cause);
  }
  if (label === undefined) return null;
  if (typeof label !== 'boolean')
    reader.fail(joinPath(path, 'harmful'), 'must be a boolean', label);
  return label;
}
