import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRebalancer } from '../../src/facade/createRebalancer.js';
import type { Intervention } from '../../src/exposure/types.js';
import { resolveInterventionSettings } from '../../src/interventions/interventionSettings.js';
import { EMPTY_INTERVENTION_LOG, recordIntervention } from '../../src/feedback/interventionLog.js';
import { type InterventionLog } from '../../src/feedback/types.js';
import { LIMITS } from '../../src/validate/limits.js';
import { planInterventions } from '../../src/interventions/planInterventions.js';
import { presets } from '../../src/presets/presets.js';
import { createEvasiveMatcher } from '../../src/taxonomy/evasive/createEvasiveMatcher.js';

const MINUTE = 60_000;
const defaults = resolveInterventionSettings(undefined);
const group = (level: 'none' | 'elevated' | 'sustained', run: number) => ({
  level,
  exposure: 0.5,
  run,
  statistic: 0,
  threshold: 4,
});

describe('planInterventions', () => {
  it('planInterventions suggests resources at sustained, a nudge on a long run below it, and a break after a long session', () => {
    const plan = planInterventions(
      {
        groups: {
          'eating-disorder': group('sustained', 12),
          'self-harm': group('elevated', 9),
          suicide: group('none', 0),
        },
        sessionStartedAt: 0,
        at: 61 * MINUTE,
      },
      EMPTY_INTERVENTION_LOG,
      defaults,
    );
    expect(plan).toEqual([
      { kind: 'resources', group: 'eating-disorder', reason: 'sustained' },
      { kind: 'nudge', group: 'self-harm', reason: 'lingering' },
      { kind: 'break', group: null, reason: 'session:61min' },
    ]);
  });

  it('planInterventions escalates a nudge to full screen after two dismissals and resets when one is accepted', () => {
    const context = {
      groups: { 'eating-disorder': group('elevated', 10) },
      sessionStartedAt: 0,
      at: 5 * MINUTE,
    };
    let log: InterventionLog = EMPTY_INTERVENTION_LOG;
    for (let i = 0; i < 2; i++)
      log = recordIntervention(log, {
        type: 'dismissed',
        kind: 'nudge',
        group: 'eating-disorder',
        at: i,
      });
    expect(planInterventions(context, log, defaults)[0]?.reason).toBe('lingering:full-screen');
    log = recordIntervention(log, {
      type: 'accepted',
      kind: 'nudge',
      group: 'eating-disorder',
      at: 3,
    });
    expect(planInterventions(context, log, defaults)[0]?.reason).toBe('lingering');
  });

  it('planInterventions suggests nothing for a kind that is turned off, or without a time', () => {
    const settings = resolveInterventionSettings({ resources: false, nudge: false, break: false });
    const context = {
      groups: { 'eating-disorder': group('sustained', 20) },
      sessionStartedAt: 0,
      at: 120 * MINUTE,
    };
    expect(planInterventions(context, EMPTY_INTERVENTION_LOG, settings)).toEqual([]);
    expect(planInterventions({ ...context, at: null }, EMPTY_INTERVENTION_LOG, defaults)).toEqual(
      [],
    );
  });

  it('resolveInterventionSettings rejects a bad field with code policy and its path', () => {
    expect(() => resolveInterventionSettings({ nudge: { afterRun: 0 } })).toThrow(
      expect.objectContaining({ code: 'policy', path: 'interventions.nudge.afterRun' }),
    );
    expect(() => resolveInterventionSettings({ pause: {} } as never)).toThrow(
      expect.objectContaining({ path: 'interventions.pause' }),
    );
  });

  it('recordIntervention keeps the log bounded and never changes its input', () => {
    let log: InterventionLog = EMPTY_INTERVENTION_LOG;
    for (let i = 0; i < 100; i++) {
      const before = JSON.stringify(log);
      const next = recordIntervention(log, { type: 'shown', kind: 'break', group: null, at: i });
      expect(JSON.stringify(log)).toBe(before);
      log = next;
    }
    expect(log.shown.length).toBe(LIMITS.loggedInterventions);
    expect(log.shown.at(-1)).toEqual(['break', '', 99]);
  });
});

describe('interventions on impression streams', () => {
  const rb = createRebalancer({
    taxonomy: presets.taxonomies.default,
    policy: presets.policies.balanced,
    matcher: createEvasiveMatcher,
  });
  const impression = fc.record({
    harmful: fc.boolean(),
    gapMs: fc.oneof(
      fc.integer({ min: 1_000, max: 60_000 }),
      fc.integer({ min: 0, max: 3 * 3_600_000 }),
    ),
    dismiss: fc.boolean(),
  });
  const settings = fc.record({
    nudge: fc.record({
      afterRun: fc.integer({ min: 1, max: 10 }),
      cooldownMs: fc.integer({ min: 0, max: 3_600_000 }),
      perSession: fc.integer({ min: 1, max: 3 }),
    }),
    break: fc.record({
      afterMs: fc.integer({ min: MINUTE, max: 2 * 3_600_000 }),
      cooldownMs: fc.integer({ min: 0, max: 3_600_000 }),
      perSession: fc.integer({ min: 1, max: 3 }),
    }),
    resources: fc.record({
      cooldownMs: fc.integer({ min: 0, max: 86_400_000 }),
      perSession: fc.integer({ min: 1, max: 2 }),
    }),
  });

  it('interventions respect their cooldowns and per-session caps on any impression stream, when the host shows every suggestion', () => {
    fc.assert(
      fc.property(fc.array(impression, { maxLength: 120 }), settings, (stream, input) => {
        const resolved = resolveInterventionSettings(input);
        let state = rb.emptyState();
        let log: InterventionLog = EMPTY_INTERVENTION_LOG;
        let at = 0;
        const shown: { i: Intervention; at: number; session: number }[] = [];
        for (const step of stream) {
          at += step.gapMs;
          const item = step.harmful
            ? { id: `h${at}`, hashtags: ['#th1nsp0'] }
            : { id: `b${at}`, hashtags: ['#bananabread'] };
          state = rb.observe(state, { item, at });
          const a = rb.assess(state, at);
          const plan = planInterventions(
            { groups: a.groups, sessionStartedAt: state.session.startedAt, at },
            log,
            resolved,
          );
          for (const i of plan) {
            shown.push({ i, at, session: state.session.startedAt! });
            log = recordIntervention(log, { type: 'shown', kind: i.kind, group: i.group, at });
            if (i.kind === 'nudge' && step.dismiss)
              log = recordIntervention(log, {
                type: 'dismissed',
                kind: 'nudge',
                group: i.group,
                at,
              });
          }
        }
        const limits = {
          nudge: resolved.nudge!,
          break: resolved.break!,
          resources: resolved.resources!,
        };
        const last = new Map<string, number>();
        const perSession = new Map<string, number>();
        for (const { i, at: when, session } of shown) {
          const key = `${i.kind}:${i.group ?? ''}`;
          const previous = last.get(key);
          if (previous !== undefined)
            expect(when - previous).toBeGreaterThanOrEqual(limits[i.kind].cooldownMs);
          last.set(key, when);
          const countKey = `${key}@${session}`;
          perSession.set(countKey, (perSession.get(countKey) ?? 0) + 1);
          expect(perSession.get(countKey)).toBeLessThanOrEqual(limits[i.kind].perSession);
        }
      }),
      { numRuns: 150 },
    );
  });
});
