import { failInput, unreadableError } from './fail.js';

// Readers of the fields of an untrusted state: each problem is a RebalanceError with code
// `state`, the path of the field, and a short description of the value received.

/** Throws the `state` error for the field at `path`. @internal */
export function bad(api: string, path: string, rule: string, value: unknown): never {
  failInput('state', api, path, rule, value, `state.${path}`);
}

/** A required field of an object, read once (a throwing getter becomes a `state` error). @internal */
export function field(api: string, obj: unknown, key: string, path: string): unknown {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    bad(api, path, 'must be an object', obj);
  const at = path === '' ? key : `${path}.${key}`;
  let present: boolean;
  let value: unknown;
  try {
    present = Object.prototype.hasOwnProperty.call(obj, key);
    value = (obj as Record<string, unknown>)[key];
  } catch (cause) {
    throw unreadableError('state', api, at, cause, `state.${at}`);
  }
  if (!present) bad(api, at, 'is missing', undefined);
  return value;
}

/** A non-negative safe integer. @internal */
export function count(api: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    bad(api, path, 'must be a non-negative integer', value);
  return value;
}

/** A finite number ≥ 0. @internal */
export function nonNegative(api: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    bad(api, path, 'must be a finite number >= 0', value);
  return value;
}

/** A finite time in milliseconds, or `null`. @internal */
export function time(api: string, value: unknown, path: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    bad(api, path, 'must be a finite number or null', value);
  return value;
}

/** A field added after the first release: a state stored before it lacks it. @internal */
export function optionalField(api: string, obj: unknown, key: string, path = ''): unknown {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    bad(api, path, 'must be an object', obj);
  const at = path === '' ? key : `${path}.${key}`;
  let present: boolean;
  try {
    present = Object.prototype.hasOwnProperty.call(obj, key);
  } catch (cause) {
    throw unreadableError('state', api, at, cause, `state.${at}`);
  }
  return present ? field(api, obj, key, path) : undefined;
}
