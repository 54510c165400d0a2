import type { ReplayRecord } from '../../src/simulate/index.js';

/** Options of a generated log. */
export interface LogShape {
  readonly users: number;
  readonly requests: number;
  readonly candidates: number;
  /** Share of candidates that are triggering (pro-ana), placed by a deterministic rule. */
  readonly harmful: number;
  /** Items of each served page the user is logged seeing. */
  readonly seen: number;
  /** Items served per page in the log. */
  readonly k: number;
  readonly seed: number;
}

/** A small deterministic generator (mulberry32), so a log is the same for the same seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A log grouped by user in time order: per request, candidates of which a share are triggering
 * (topic `pro-ana`; the others `cooking`), the host's top k served, and the first `seen` of them
 * logged as impressions with a dwell that is longer on triggering items.
 */
export function makeLog(shape: LogShape): ReplayRecord[] {
  const random = generator(shape.seed);
  const out: ReplayRecord[] = [];
  let at = 1_704_067_200_000;
  for (let u = 0; u < shape.users; u++) {
    const user = `u${u}`;
    for (let r = 0; r < shape.requests; r++) {
      const candidates = Array.from({ length: shape.candidates }, (_, i) => {
        const harmful = random() < shape.harmful;
        return { id: `${user}-r${r}-c${i}`, topics: [harmful ? 'pro-ana' : 'cooking'] };
      });
      const served = candidates.slice(0, shape.k).map((c) => c.id);
      out.push({ type: 'request', user, at, candidates, served });
      for (let s = 0; s < Math.min(shape.seen, served.length); s++) {
        at += 1_000;
        const harmful = candidates[s]!.topics[0] === 'pro-ana';
        const dwellMs = Math.round((harmful ? 9_000 : 3_000) * (0.5 + random()));
        out.push({ type: 'impression', user, at, id: served[s]!, dwellMs });
      }
      at += 60_000;
    }
  }
  return out;
}

/** Harmful share of the host's top-k pages of a generated log, counted from the log itself. */
export function loggedHarmfulShare(log: readonly ReplayRecord[], k: number): number {
  let served = 0;
  let harmful = 0;
  for (const record of log) {
    if (record.type !== 'request') continue;
    for (const c of record.candidates.slice(0, k)) {
      served++;
      if ((c.topics as readonly string[])[0] === 'pro-ana') harmful++;
    }
  }
  return harmful / served;
}
