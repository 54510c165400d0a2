import { describe, expect, it } from 'vitest';
import { RebalanceError } from '../../src/index.js';
import { parseConstraint, parseObjective } from '../../src/simulate/tune/parseTarget.js';
import { planTuning } from '../../src/simulate/tune/planTuning.js';

function errorOf(f: () => unknown): RebalanceError {
  try {
    f();
  } catch (error) {
    if (error instanceof RebalanceError) return error;
    throw error;
  }
  throw new Error('expected a RebalanceError');
}

describe('parseObjective and parseConstraint', () => {
  it("parseObjective('min at-risk.harmfulShare') reads the direction, cohort and metric", () => {
    expect(parseObjective('tune', ' max control.watchMinutes ', 'objective')).toEqual({
      text: 'max control.watchMinutes',
      direction: 'max',
      cohort: 'control',
      metric: 'watchMinutes',
    });
  });

  it("parseConstraint('control.ndcgRetention>=0.99') reads the relation and bound", () => {
    expect(parseConstraint('tune', 'control.falseAlarmsPer1000 <= 1e0', 'constraints[1]')).toEqual({
      text: 'control.falseAlarmsPer1000 <= 1e0',
      cohort: 'control',
      metric: 'falseAlarmsPer1000',
      relation: '<=',
      bound: 1,
    });
  });

  it.each([
    ['harmfulShare', 'must read'],
    ['minimise at-risk.harmfulShare', 'must read'],
    ['min teens.harmfulShare', 'unknown cohort "teens"'],
    ['min at-risk.harm', 'unknown metric "harm"'],
    ['min at-risk.users', 'unknown metric "users"'],
    ['min at-risk.falseAlarmsPer1000', 'control cohort only'],
    ['min at-risk.__proto__', 'must read'],
  ])('parseObjective(%j) throws an argument error naming the objective (%s)', (text, message) => {
    const e = errorOf(() => parseObjective('tune', text, 'objective'));
    expect(e.code).toBe('argument');
    expect(e.path).toBe('objective');
    expect(e.message).toContain(message);
  });

  it.each([
    ['control.ndcgRetention>0.99', 'must read'],
    ['control.ndcgRetention>=high', 'must read'],
    ['control.ndcgRetention>=1e999', 'finite number'],
    ['control.ndcgRetention', 'must read'],
    ['x'.repeat(500), 'at most 120 characters'],
  ])('parseConstraint(%j) throws an argument error naming the constraint (%s)', (text, message) => {
    const e = errorOf(() => parseConstraint('tune', text, 'constraints[2]'));
    expect(e.code).toBe('argument');
    expect(e.path).toBe('constraints[2]');
    expect(e.message).toContain(message);
  });

  it('planTuning rejects a target whose cohort the scenario lacks, and a bad budget or restarts', () => {
    const base = { scenario: 'rabbit-hole', seed: 1, users: 4, steps: 4 };
    let e = errorOf(() =>
      planTuning({
        ...base,
        objective: 'min at-risk.harmfulShare',
        constraints: ['control.ndcgRetention>=0.9'],
      }),
    );
    expect([e.code, e.path]).toEqual(['argument', 'constraints[0]']);
    expect(e.message).toContain('does not have');
    e = errorOf(() => planTuning({ ...base, objective: 'min at-risk.harmfulShare', budget: 0 }));
    expect([e.code, e.path]).toEqual(['argument', 'budget']);
    e = errorOf(() =>
      planTuning({ ...base, objective: 'min at-risk.harmfulShare', budget: 4, restarts: 5 }),
    );
    expect([e.code, e.path]).toEqual(['argument', 'restarts']);
    e = errorOf(() =>
      planTuning({ ...base, objective: 'min at-risk.harmfulShare', constraints: 'x' as never }),
    );
    expect([e.code, e.path]).toEqual(['argument', 'constraints']);
  });
});
