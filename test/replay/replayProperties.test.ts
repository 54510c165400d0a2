import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presets } from '../../src/index.js';
import { replay } from '../../src/simulate/index.js';
import { replayUsers, type LogEntry } from '../../src/simulate/replay/replayUsers.js';
import { resolveReplay } from '../../src/simulate/replay/resolveReplay.js';
import { loggedHarmfulShare, makeLog } from './makeLog.js';

const shapes = fc.record({
  users: fc.integer({ min: 1, max: 4 }),
  requests: fc.integer({ min: 1, max: 8 }),
  candidates: fc.integer({ min: 1, max: 14 }),
  harmful: fc.double({ min: 0, max: 1, noNaN: true }),
  seen: fc.integer({ min: 0, max: 12 }),
  k: fc.integer({ min: 1, max: 12 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});

describe('replay over generated logs (fast-check; a failure prints its seed and shape)', () => {
  it('under off, the replayed harmful share is the logged top-k share exactly, and NDCG retention is 1', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const log = makeLog(shape);
        const report = await replay({ log, policies: ['off'], k: shape.k, resamples: 1 });
        const off = report.reports[0]!.cohorts['at-risk']!;
        expect(off.harmfulShare).toBe(loggedHarmfulShare(log, shape.k));
        expect(off.ndcgRetention).toBe(1);
        expect(off.rankDisplacement).toBe(0);
      }),
      { numRuns: 25 },
    );
  });

  it('under protective (a cap at every level), no served page holds more triggering items in a window than its cap', async () => {
    const levels = presets.policies.protective.levels!;
    // The loosest of protective's caps: every page must hold under it whatever the level.
    const caps = Object.values(levels).map((l) => l.cap!);
    const loosest = Math.max(...caps.map((c) => c.count / c.window));
    const cap = caps.find((c) => c.count / c.window === loosest)!;
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const resolved = resolveReplay({ policies: ['protective'], k: shape.k });
        let broken: string | null = null;
        const setup = {
          ...resolved,
          onServe: (policy: number, _slots: unknown, harmful: readonly boolean[]) => {
            if (policy !== 1) return;
            for (let s = 0; s < harmful.length; s++) {
              const inWindow = harmful.slice(Math.max(0, s - cap.window + 1), s + 1);
              if (inWindow.filter(Boolean).length > cap.count) broken = harmful.join(',');
            }
          },
        };
        const entries = makeLog(shape).map((value, i): LogEntry => ({ value, line: i + 1 }));
        let users = 0;
        for await (const record of replayUsers(entries, setup, () => 'at-risk'))
          users += record.requests > 0 ? 1 : 0;
        expect(users).toBe(shape.users);
        expect(broken).toBeNull();
      }),
      { numRuns: 25 },
    );
  });
});
