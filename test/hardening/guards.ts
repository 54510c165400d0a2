import { afterEach, beforeEach, expect } from 'vitest';
import { RebalanceError } from '../../src/index.js';
import type { RebalanceErrorCode } from '../../src/index.js';

/** Own property names and symbols of the built-in prototypes a pollution attack would target. */
export function prototypeFingerprint(): string {
  const parts: string[] = [];
  for (const proto of [Object.prototype, Array.prototype, Function.prototype, String.prototype]) {
    parts.push(Reflect.ownKeys(proto).map(String).sort().join(','));
  }
  return parts.join('|');
}

/** Whether `{}` has picked up anything (the classic pollution probe). */
export function pollutionProbe(): unknown[] {
  const probe = {} as Record<string, unknown>;
  return [
    probe.polluted,
    probe.isAdmin,
    probe.groups,
    probe.level,
    Object.prototype.toString.call(probe),
  ];
}

/**
 * Calls `f` and asserts it throws a RebalanceError with the code (and path) given and a message
 * that starts with an API name; returns the error.
 */
export function expectRebalanceError(
  f: () => unknown,
  code: RebalanceErrorCode,
  path?: string,
): RebalanceError {
  let thrown: unknown = null;
  try {
    f();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a RebalanceError').toBeInstanceOf(RebalanceError);
  const e = thrown as RebalanceError;
  expect(e.code).toBe(code);
  if (path !== undefined) expect(e.path).toBe(path);
  expect(e.message).toMatch(/^[A-Za-z.]+: /);
  expect(e.message.length).toBeLessThan(600);
  return e;
}

/** Freezes a value and everything reachable from it (typed arrays cannot be frozen and are skipped). */
export function deepFreeze<T>(value: T): T {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.isFrozen(value) ||
    ArrayBuffer.isView(value)
  )
    return value;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value))
    deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return value;
}

/**
 * Registers hooks that fail a test when it changed `Object.prototype` or let a polluting key
 * through: the prototype's fingerprint is taken before each test and compared after it.
 */
export function guardPrototypes(): void {
  let fingerprint = '';
  beforeEach(() => {
    fingerprint = prototypeFingerprint();
  });
  afterEach(() => {
    expect(prototypeFingerprint()).toBe(fingerprint);
    expect(pollutionProbe()).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      '[object Object]',
    ]);
  });
}
