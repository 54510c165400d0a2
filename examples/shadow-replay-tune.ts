/**
 * From shadow mode to a tuned policy, on one small platform:
 *
 * 1. a host ranks feeds for a few dozen users — some of them drifting into eating-disorder
 *    content — and calls `rebalance` in shadow mode on every request: the host's own order is
 *    served, the policy's decision is logged, and each request and impression goes to a replay log;
 * 2. `replay` serves that log again under off, balanced and protective;
 * 3. `tune` searches for a policy on the same log, and the chosen one is written out.
 *
 * Run with `node --import tsx examples/shadow-replay-tune.ts`; it writes its logs and the tuned
 * policy to a temporary directory and prints where.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRebalancer, presets, type Item, type UserState } from '../src/index.js';
import { replay, tune, type CohortName, type ReplayRecord } from '../src/simulate/index.js';

const USERS = 24;
const REQUESTS = 16; // feed requests per user
const CANDIDATES = 16; // candidates the host ranks per request
const K = 8; // items the host serves per request
const SEEN = 5; // items of each page the user watches before the next request

/** A small seeded generator (mulberry32): the same platform every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(42);

// ---- 1. The platform, with the library in shadow mode ------------------------------------------

const TOPICS = ['cooking', 'fitness', 'travel', 'music', 'pets'];
const HARMFUL_TAGS = ['#thinspo', '#proana', '#meanspo', '#skinnytok'];
const RECOVERY: Item[] = [
  { id: 'rec-1', hashtags: ['#edrecovery'] },
  { id: 'rec-2', hashtags: ['#prorecovery'] },
  { id: 'rec-3', hashtags: ['#recoverywarrior'] },
];

interface User {
  readonly id: string;
  /** Whether the user drifts into eating-disorder content: the cohort a reviewer would label. */
  readonly drifting: boolean;
  /** How much the host's ranking thinks the user likes harmful items; grows as they watch them. */
  harmfulInterest: number;
  state: UserState;
}

const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});
const users: User[] = Array.from({ length: USERS }, (_, u) => ({
  id: `user-${u}`,
  drifting: u % 3 === 0,
  harmfulInterest: 0.1,
  state: rb.emptyState(),
}));

/** The host's candidates for one request, in its ranked order: engagement first. */
function rankCandidates(user: User, request: number): Item[] {
  const scored = Array.from({ length: CANDIDATES }, (_, i) => {
    const harmful = random() < 0.25;
    const item: Item = harmful
      ? { id: `${user.id}-${request}-${i}`, hashtags: [HARMFUL_TAGS[i % HARMFUL_TAGS.length]!] }
      : { id: `${user.id}-${request}-${i}`, topics: [TOPICS[i % TOPICS.length]!] };
    const score = random() + (harmful ? user.harmfulInterest : 0.3);
    return { item, score };
  });
  return scored.sort((a, b) => b.score - a.score).map((s) => s.item);
}

// Requests are interleaved across users as on a live platform; each user's records are kept
// apart so the replay log comes out grouped by user in time order, as replay wants it.
const logByUser = new Map<string, ReplayRecord[]>(users.map((u) => [u.id, []]));
const decisionLog: string[] = [];
let changedRequests = 0;
const start = Date.UTC(2026, 0, 5, 18, 0, 0);
for (let request = 0; request < REQUESTS; request++) {
  for (const [u, user] of users.entries()) {
    let at = start + request * 120_000 + u * 1_000;
    const candidates = rankCandidates(user, request);
    const result = rb.rebalance({
      candidates,
      recovery: RECOVERY,
      state: user.state,
      at,
      size: K,
      shadow: true, // the host's order is served; the decision says what the policy would do
    });
    const served = result.items.map((item) => item.id);
    if (result.decision.changedSlots > 0) changedRequests++;
    // The ids here are made up; a real log names people by a keyed hash (docs/decisions.md).
    decisionLog.push(JSON.stringify({ user: user.id, at, decision: result.decision }));
    const records = logByUser.get(user.id)!;
    records.push({ type: 'request', user: user.id, at, candidates, served, recovery: RECOVERY });

    // The user watches the first few items served; drifting users linger on harmful ones, and
    // every harmful watch pulls the host's ranking further their way.
    for (const item of result.items.slice(0, SEEN)) {
      const harmful = item.hashtags !== undefined; // only harmful items carry hashtags here
      const dwellMs = Math.round((harmful && user.drifting ? 12_000 : 4_000) * (0.5 + random()));
      at += 1_500;
      user.state = rb.observe(user.state, { item, at, dwellMs });
      records.push({ type: 'impression', user: user.id, at, id: item.id, dwellMs });
      if (harmful && user.drifting) user.harmfulInterest += 0.03;
      at += dwellMs;
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'feed-rebalancer-shadow-'));
const logPath = join(dir, 'sessions.jsonl');
const toLines = (values: readonly unknown[]): string =>
  values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n') + '\n';
writeFileSync(logPath, toLines([...logByUser.values()].flat()));
writeFileSync(join(dir, 'decisions.jsonl'), toLines(decisionLog));
console.log(
  `shadow mode: ${decisionLog.length} requests, balanced would have changed ${changedRequests} of them`,
);

// Cohorts from labels (here we know who drifts; on a real platform, a reviewed sample).
const labels: Record<string, CohortName> = Object.fromEntries(
  users.map((u) => [u.id, u.drifting ? 'at-risk' : 'control']),
);

// ---- 2. Replay the log under three policies ----------------------------------------------------

const report = await replay({
  log: logPath,
  policies: ['off', 'balanced', 'protective'],
  labels,
  k: K,
  resamples: 100,
});
for (const r of report.reports) {
  const share = r.cohorts['at-risk']?.harmfulShare ?? 0;
  console.log(`replay ${r.policy.padEnd(10)} at-risk harmful share ${(100 * share).toFixed(1)}%`);
}

// ---- 3. Tune a policy on the same log ----------------------------------------------------------

const tuned = await tune({
  log: logPath,
  labels,
  k: K,
  objective: 'min at-risk.harmfulShare',
  constraints: ['control.ndcgRetention>=0.95'],
  budget: 6, // tiny, to keep the example quick; use 50 or more in earnest
  resamples: 50,
});
if (tuned.chosen === null) console.log('tune: no candidate met the constraint');
else {
  const chosen = tuned.records[tuned.chosen.record]!;
  const percent = (v: number | null): string => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);
  console.log(
    `tuned (${tuned.records.length} candidates): at-risk harmful share ${percent(chosen.objective.value)}, ` +
      `control NDCG retention ${chosen.constraints[0]!.value?.toFixed(3)}`,
  );
  writeFileSync(join(dir, 'policy.json'), `${JSON.stringify(chosen.policy, null, 2)}\n`);
}
console.log(`wrote ${dir}/{sessions.jsonl,decisions.jsonl${tuned.chosen ? ',policy.json' : ''}}`);
