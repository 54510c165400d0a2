import type { RebalanceErrorCode } from '../errors/RebalanceError.js';
import { joinPath } from '../errors/describe.js';
import { failInput, unreadableError } from './fail.js';

/**
 * Reads untrusted JSON-like input field by field, turning every problem into a `RebalanceError`
 * whose message starts with the API name and names the rule, the value and the JSON path. Each
 * property is read once, and a throwing getter becomes a `RebalanceError` too.
 *
 * @internal
 */
export class InputReader {
  constructor(
    readonly api: string,
    readonly code: RebalanceErrorCode,
    /** Prefix of paths in messages (`policy`), not part of the error's `path`. */
    readonly root: string,
  ) {}

  fail(path: string, rule: string, value: unknown): never {
    failInput(this.code, this.api, path, rule, value, this.shown(path));
  }

  /** The path as messages show it: under the root prefix. */
  shown(path: string): string {
    return path === '' ? this.root : this.root === '' ? path : `${this.root}.${path}`;
  }

  /** Throws the error for a field whose getter or proxy trap threw. */
  unreadable(path: string, cause: unknown): never {
    throw unreadableError(this.code, this.api, path, cause, this.shown(path));
  }

  /** An object with only the listed keys; returns a null-prototype copy of its values. */
  object(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(path, 'must be an object', value);
    const own = this.ownKeys(value, path);
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of own) {
      if (!keys.includes(key))
        this.fail(
          joinPath(path, key),
          `is not a known field (expected one of ${keys.join(', ')})`,
          key,
        );
      this.copyField(value, key, path, out);
    }
    return out;
  }

  /**
   * An object keyed by untrusted names (group ids): at most `maxKeys` own keys, each a non-empty
   * string of at most `maxKeyLength` characters. Returns a null-prototype copy, so that
   * `__proto__` or `constructor` are plain keys.
   */
  record(
    value: unknown,
    path: string,
    maxKeys: number,
    maxKeyLength: number,
  ): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(path, 'must be an object', value);
    const own = this.ownKeys(value, path);
    if (own.length > maxKeys) this.fail(path, `must have at most ${maxKeys} entries`, value);
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of own) {
      if (key.length === 0 || key.length > maxKeyLength)
        this.fail(
          joinPath(path, key),
          `must be named by a non-empty string of at most ${maxKeyLength} characters`,
          key,
        );
      this.copyField(value, key, path, out);
    }
    return out;
  }

  /** The own keys of an object, read once; a proxy whose trap throws is `unreadable`. */
  private ownKeys(value: object, path: string): string[] {
    try {
      return Object.keys(value);
    } catch (cause) {
      this.unreadable(path, cause);
    }
  }

  /** Copies `value[key]` into `out`, reading it once; a getter that throws is `unreadable`. */
  private copyField(value: object, key: string, path: string, out: Record<string, unknown>): void {
    try {
      out[key] = (value as Record<string, unknown>)[key];
    } catch (cause) {
      this.unreadable(joinPath(path, key), cause);
    }
  }

  /** An array with at most `max` entries; returns a copy. */
  array(value: unknown, path: string, max: number): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'must be an array', value);
    if (value.length > max) this.fail(path, `must have at most ${max} entries`, value);
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      try {
        out[i] = (value as unknown[])[i];
      } catch (cause) {
        this.unreadable(joinPath(path, i), cause);
      }
    }
    return out;
  }

  /** A finite number in [min, max] (bounds inclusive unless `exclusive`). */
  number(
    value: unknown,
    path: string,
    min: number,
    max: number,
    exclusive: 'min' | 'max' | 'both' | 'none' = 'none',
  ): number {
    const lowOk = (x: number) => (exclusive === 'min' || exclusive === 'both' ? x > min : x >= min);
    const highOk = (x: number) =>
      exclusive === 'max' || exclusive === 'both' ? x < max : x <= max;
    if (typeof value !== 'number' || !Number.isFinite(value) || !lowOk(value) || !highOk(value)) {
      const lo = exclusive === 'min' || exclusive === 'both' ? '(' : '[';
      const hi = exclusive === 'max' || exclusive === 'both' ? ')' : ']';
      this.fail(path, `must be a number in ${lo}${min}, ${max}${hi}`, value);
    }
    return value;
  }

  /** An integer in [min, max]. */
  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      this.fail(
        path,
        max === Number.MAX_SAFE_INTEGER
          ? `must be an integer >= ${min}`
          : `must be an integer in [${min}, ${max}]`,
        value,
      );
    return value;
  }

  /** One of the listed strings. */
  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value))
      this.fail(path, `must be one of ${options.map((o) => `'${o}'`).join(', ')}`, value);
    return value as T;
  }

  /** A non-empty string of at most `max` characters. */
  string(value: unknown, path: string, max: number): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > max)
      this.fail(path, `must be a non-empty string of at most ${max} characters`, value);
    return value;
  }
}
