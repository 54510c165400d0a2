import type { UserResult } from '../metrics/UserResult.js';
import type { CalibrationEntry } from './calibrationTypes.js';
import { AFTER_SWITCH, BEFORE_SWITCH } from './protocols.js';
import { TARGETS } from './targets.js';

/** Results of every arm, all seeds pooled (seeds in order, users in order). @internal */
export type ArmResults = ReadonlyMap<string, readonly UserResult[]>;

const MINUTE = 60_000;
/** The forgetting measure: the share has fallen this far of the way to the no-interest level. */
const FORGOTTEN = 0.9;
/** Standard accounts CCDH's first times are the earliest of. */
const CCDH_ACCOUNTS = 4;

/**
 * The simulated value of every target from the arms' results, as table rows.
 *
 * @param arms - per arm, its users' results
 * @param pageSize - items per feed request
 * @returns the calibration table
 * @internal
 */
export function measureTargets(arms: ArmResults, pageSize: number): CalibrationEntry[] {
  const values = simulatedValues(arms, pageSize);
  return TARGETS.map((t) => {
    const simulated = values.get(t.id) ?? null;
    return {
      source: t.source,
      measure: t.measure,
      protocol: t.protocol,
      unit: t.unit,
      target: t.target,
      low: t.low,
      high: t.high,
      band: t.band,
      simulated,
      withinBand: simulated !== null && simulated >= t.low && simulated <= t.high,
    };
  });
}

function simulatedValues(arms: ArmResults, pageSize: number): Map<string, number | null> {
  const teen = arms.get('lingering-teen') ?? [];
  const rewatching = arms.get('rewatching-teen') ?? [];
  const engaged = arms.get('engaged-teen') ?? [];
  const none = arms.get('no-interest') ?? [];
  const forgetting = arms.get('forgetting') ?? [];
  const out = new Map<string, number | null>();
  // CCDH's first times are the earliest of its four standard accounts ("shown to one account
  // within 2.6 minutes", eating-disorder content "to another within eight minutes"): the median,
  // over groups of four accounts in user order, of the group's earliest first time. An account
  // that never got such an item counts as later than any that did (censored).
  const firstMinutes = (k: number): number | null =>
    median(
      earliestPerGroup(
        teen.map((r) => (Number.isNaN(r.probe![k]!) ? Infinity : r.probe![k]!)),
        CCDH_ACCOUNTS,
      ),
      MINUTE,
    );
  out.set('ccdh-eating-disorder', firstMinutes(0));
  out.set('ccdh-suicide', firstMinutes(1));
  // Window 0 of the lingering-teen probe starts at index 2: [set, all] in the first 30 minutes.
  const early = sum(teen, (r) => r.probe![2]!);
  out.set('ccdh-interval', early > 0 ? (teen.length * 30 * 60) / early : null);
  out.set(
    'tomlein-bubble',
    median(
      teen.map((r) => r.bubbleWatches ?? Infinity),
      1,
    ),
  );
  const share = (rs: readonly UserResult[], at: number): number | null => {
    const all = sum(rs, (r) => r.probe![at + 1]!);
    return all > 0 ? sum(rs, (r) => r.probe![at]!) / all : null;
  };
  out.set('amnesty-france-2025', share(rewatching, 0));
  out.set('amnesty-2023', share(rewatching, 2));
  out.set('molly-rose-2025', share(engaged, 0));
  // The watched probe of both arms: [eating-disorder impressions, of them watched].
  const edShare = (rs: readonly UserResult[], at: number): number =>
    sum(rs, (r) => r.probe![at]!) /
    Math.max(
      1,
      sum(rs, (r) => r.impressions),
    );
  const atRisk = edShare(teen, 4);
  const control = edShare(none, 0);
  out.set('griffiths-2024', control > 0 ? atRisk / control : null);
  out.set('hosseinmardi-2024', forgettingImpressions(forgetting, none, pageSize));
  return out;
}

/**
 * Impressions after the switch until the pooled triggering share of a request has fallen
 * {@link FORGOTTEN} of the way from its level in the requests before the switch to the
 * no-interest arm's share; `null` if the curve never gets there.
 */
function forgettingImpressions(
  forgetting: readonly UserResult[],
  none: readonly UserResult[],
  pageSize: number,
): number | null {
  if (forgetting.length === 0 || none.length === 0) return null;
  const shareAt = (k: number): number => {
    const all = sum(forgetting, (r) => r.probe![2 * k + 1]!);
    return all > 0 ? sum(forgetting, (r) => r.probe![2 * k]!) / all : 0;
  };
  let before = 0;
  for (let k = 0; k < BEFORE_SWITCH; k++) before += shareAt(k) / BEFORE_SWITCH;
  const base =
    sum(none, (r) => r.harmful) /
    Math.max(
      1,
      sum(none, (r) => r.impressions),
    );
  const goal = base + (1 - FORGOTTEN) * (before - base);
  for (let k = 0; k < AFTER_SWITCH; k++) {
    if (shareAt(BEFORE_SWITCH + k) <= goal) return (k + 1) * pageSize;
  }
  return null;
}

/** The least of each run of `size` values in order (a shorter last run too). */
function earliestPerGroup(values: readonly number[], size: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < values.length; k += size) out.push(Math.min(...values.slice(k, k + size)));
  return out;
}

function sum(results: readonly UserResult[], f: (r: UserResult) => number): number {
  let s = 0;
  for (const r of results) s += f(r);
  return s;
}

/** Median in `unit`s; `null` for no values or a median beyond every value seen (censored). */
function median(values: number[], unit: number): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  const m = values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  return Number.isFinite(m) ? m / unit : null;
}
