import { RebalanceError } from '../../index.js';
import { describeValue, joinPath } from '../../errors/describe.js';
import { InputReader } from '../../validate/reader.js';
import { canonicalText } from './fingerprint.js';
import { partialEnvelope, type PartialEnvelope } from './partialEnvelope.js';
import { PARTIAL_KINDS } from './partialKinds.js';
import type { MergedReport, OpenedRun } from './PartialResult.js';
import { MAX_SHARDS, shardUnits } from './Shard.js';

/**
 * Options of {@link mergePartials}.
 *
 * @example
 * ```ts
 * import type { MergeOptions } from 'feed-rebalancer/simulate';
 * const options: MergeOptions = { sources: ['out/shard-0', 'out/shard-1'] };
 * ```
 */
export interface MergeOptions {
  /**
   * What to call each partial in error messages (the file or directory it came from).
   *
   * @defaultValue `partials[0]`, `partials[1]`, …
   */
  readonly sources?: readonly string[];
}

/**
 * Combines the partial results of every shard of a sweep into exactly what a single run returns
 * (a report, or a tuning's result): the same numbers, bit for bit, so `JSON.stringify` of the two is the same text. The
 * partials may come in any order; they must all be of one run (same kind and fingerprint), of
 * the same number of shards, and every shard must be there exactly once. Partials are untrusted
 * input: every field is checked, against the run their arguments resolve to.
 *
 * @param partials - the partial results, as written by `simulatePartial`, `comparePartial`,
 *   `replayPartial` or `tunePartial` (parsed from JSON)
 * @param options - names of the partials for messages
 * @returns what a single run returns, by the partials' kind: a `SimulationReport`, a
 *   `ComparisonReport`, a `ReplayReport` or a `TuneResult`
 * @throws RebalanceError with code `argument` naming the partial and field at fault: a missing or
 *   duplicate shard, partials of different runs, a malformed or tampered partial
 *
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { mergePartials, renderReport } from 'feed-rebalancer/simulate';
 * const dirs = ['out/shard-0', 'out/shard-1', 'out/shard-2', 'out/shard-3'];
 * const partials: unknown[] = dirs.map((dir) => JSON.parse(readFileSync(`${dir}/partial.json`, 'utf8')));
 * const report = mergePartials(partials, { sources: dirs });
 * if (!('front' in report)) writeFileSync('report.html', renderReport(report)); // a tuning has its own
 * ```
 */
export function mergePartials(partials: readonly unknown[], options?: MergeOptions): MergedReport {
  return mergePartialsAs('mergePartials', partials, options?.sources);
}

/**
 * {@link mergePartials} with messages that start with `api`.
 *
 * @internal
 */
export function mergePartialsAs(
  api: string,
  partials: readonly unknown[],
  sources?: readonly string[],
): MergedReport {
  if (!Array.isArray(partials) || partials.length === 0 || partials.length > MAX_SHARDS)
    throw new RebalanceError(
      'argument',
      `${api}: partials must be a non-empty array of at most ${MAX_SHARDS} partial results (got ${describeValue(partials)})`,
      'partials',
    );
  const names = partials.map((_, k) => sources?.[k] ?? joinPath('partials', k));
  const envelopes = partials.map((p, k) => partialEnvelope(`${api}: ${names[k]}`, p));
  const first = envelopes[0]!;
  checkSameRun(api, envelopes, names);
  const bySlot = placeShards(api, envelopes, names);
  const kind = PARTIAL_KINDS.get(first.kind);
  if (kind === undefined)
    throw new RebalanceError(
      'argument',
      `${api}: ${names[0]}: kind ${describeValue(first.kind)} is not one this version merges (expected one of ${[...PARTIAL_KINDS.keys()].join(', ')})`,
      'kind',
    );
  const opened = kind.open(`${api}: ${names[0]}`, first.run);
  if (opened.fingerprint !== first.fingerprint)
    throw new RebalanceError(
      'argument',
      `${api}: ${names[0]}: its run resolves to fingerprint ${opened.fingerprint}, not the ${first.fingerprint} it was written with: the partials come from another version of the library (whose defaults differ), or were edited`,
      'fingerprint',
    );
  const units: unknown[] = [];
  for (let slot = 0; slot < bySlot.length; slot++) {
    const k = bySlot[slot]!;
    const r = new InputReader(`${api}: ${names[k]}`, 'argument', '');
    const mine = shardUnits(opened.units, envelopes[k]!.shard, opened.assignment ?? 'blocks');
    const list = r.array(envelopes[k]!.units, 'units', mine.count);
    if (list.length !== mine.count)
      r.fail(
        'units',
        `must hold the ${mine.count} ${unitsOf(opened, mine)} of shard ${slot}`,
        list,
      );
    const keys = ['index', ...opened.unitFields];
    for (let u = 0; u < list.length; u++) {
      const path = joinPath('units', u);
      const fields = r.object(list[u], path, keys);
      const index = mine.indexAt(u);
      if (fields['index'] !== index)
        r.fail(joinPath(path, 'index'), `must be ${index}`, fields['index']);
      units[index] = opened.decodeUnit(r, fields, path, index);
    }
  }
  return opened.finish(units);
}

/** All partials of one kind, one shard count and one run (fingerprint and arguments). */
function checkSameRun(api: string, envelopes: readonly PartialEnvelope[], names: string[]): void {
  const first = envelopes[0]!;
  const runText = textOf(api, names[0]!, first.run);
  for (let k = 1; k < envelopes.length; k++) {
    const e = envelopes[k]!;
    const differ = (what: string, a: unknown, b: unknown, path: string): never => {
      throw new RebalanceError(
        'argument',
        `${api}: ${names[k]} is of another ${what} than ${names[0]} (${describeValue(b)} vs ${describeValue(a)}): partials merge only with the other shards of the same run`,
        path,
      );
    };
    if (e.kind !== first.kind) differ('kind', first.kind, e.kind, 'kind');
    if (e.fingerprint !== first.fingerprint)
      differ('run', first.fingerprint, e.fingerprint, 'fingerprint');
    if (e.shard.count !== first.shard.count)
      differ('shard count', first.shard.count, e.shard.count, 'shard.count');
    if (textOf(api, names[k]!, e.run) !== runText)
      throw new RebalanceError(
        'argument',
        `${api}: ${names[k]} has the fingerprint of ${names[0]} but other run arguments: one of them was edited`,
        'run',
      );
  }
}

/**
 * The canonical text of a partial's `run`, read before the kind checks it: a run nested too
 * deeply to walk is refused rather than left to overflow the stack.
 */
function textOf(api: string, name: string, run: unknown): string {
  try {
    return canonicalText(run);
  } catch (error) {
    throw new RebalanceError(
      'argument',
      `${api}: ${name}: run must be plain JSON arguments (${(error as Error).message})`,
      'run',
      { cause: error },
    );
  }
}

/** The partial of each shard, by shard index: each exactly once. */
function placeShards(
  api: string,
  envelopes: readonly PartialEnvelope[],
  names: string[],
): number[] {
  const count = envelopes[0]!.shard.count;
  const slots = new Array<number>(count).fill(-1);
  envelopes.forEach((e, k) => {
    const seen = slots[e.shard.index]!;
    if (seen >= 0)
      throw new RebalanceError(
        'argument',
        `${api}: shard ${e.shard.index} of ${count} appears twice: in ${names[seen]} and in ${names[k]}`,
        'shard.index',
      );
    slots[e.shard.index] = k;
  });
  const missing = slots.flatMap((k, index) => (k < 0 ? [index] : []));
  if (missing.length > 0) {
    const shown = missing.slice(0, 20).join(', ') + (missing.length > 20 ? ', …' : '');
    throw new RebalanceError(
      'argument',
      `${api}: ${missing.length === 1 ? 'shard' : 'shards'} ${shown} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing (got ${envelopes.length} of ${count}: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}); shards are numbered from 0`,
      'shard.index',
    );
  }
  return slots;
}

/** How a shard's units read in a message: `users 3…5`, or `restarts 1, 3, 5`. */
function unitsOf(
  opened: OpenedRun,
  mine: { readonly count: number; readonly indexAt: (u: number) => number },
): string {
  const noun = opened.unitNoun ?? 'users';
  if (mine.count === 0) return noun;
  if ((opened.assignment ?? 'blocks') === 'blocks')
    return `${noun} ${mine.indexAt(0)}…${mine.indexAt(mine.count - 1)}`;
  const shown = Array.from({ length: Math.min(mine.count, 4) }, (_, u) => mine.indexAt(u));
  return `${noun} ${shown.join(', ')}${mine.count > 4 ? ', …' : ''}`;
}
