import { failInput, unreadableError } from '../../validate/fail.js';
import { RebalanceError } from '../../errors/RebalanceError.js';
import { joinPath } from '../../errors/describe.js';

/**
 * Reads untrusted taxonomy input: every property once, through `try` (a throwing getter or proxy
 * trap becomes a `RebalanceError` with code `taxonomy`), into null-prototype records and copied
 * arrays, so nothing the caller owns is kept or changed.
 *
 * @internal
 */
export class TaxonomyReader {
  /**
   * @param api - the public API name messages start with
   * @param root - what the input is called in messages (`taxonomy`, `extension`)
   * @param pathRoot - prefix of the error's `path` (`''` for the taxonomy itself)
   */
  constructor(
    readonly api: string,
    readonly root: string,
    readonly pathRoot: string,
  ) {}

  /** The `path` of a field, relative to the input, as errors report it. */
  at(path: string): string {
    if (this.pathRoot === '') return path;
    return path === ''
      ? this.pathRoot
      : path.startsWith('[')
        ? this.pathRoot + path
        : `${this.pathRoot}.${path}`;
  }

  /** Throws the `taxonomy` error for `path`: the rule broken and the value received. */
  fail(path: string, rule: string, value: unknown): never {
    const shown =
      path === '' ? this.root : path.startsWith('[') ? this.root + path : `${this.root}.${path}`;
    failInput('taxonomy', this.api, this.at(path), rule, value, shown);
  }

  private broken(path: string, cause: unknown): never {
    const shown = path === '' ? this.root : `${this.root}.${path}`;
    throw unreadableError('taxonomy', this.api, this.at(path), cause, shown);
  }

  /** An object with only the listed own keys; returns their values in a null-prototype record. */
  fields(
    value: unknown,
    path: string,
    allowed: readonly string[],
    what: string,
  ): Record<string, unknown> {
    let keys: string[];
    try {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        this.fail(path, `must be ${what}`, value);
      keys = Object.keys(value);
    } catch (cause) {
      if (cause instanceof RebalanceError) throw cause;
      this.broken(path, cause);
    }
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of keys) {
      if (!allowed.includes(key))
        this.fail(
          joinPath(path, key),
          `is not a known field (expected ${allowed.join(', ')})`,
          key,
        );
      try {
        out[key] = (value as Record<string, unknown>)[key];
      } catch (cause) {
        this.broken(joinPath(path, key), cause);
      }
    }
    return out;
  }

  /** An array of at most `max` entries; returns a copy. */
  list(value: unknown, path: string, max: number, what: string): unknown[] {
    try {
      if (!Array.isArray(value)) this.fail(path, `must be an array of ${what}`, value);
      const length = (value as unknown[]).length;
      if (length > max) this.fail(path, `must have at most ${max} entries`, value);
      const out = new Array<unknown>(length);
      for (let i = 0; i < length; i++) out[i] = (value as unknown[])[i];
      return out;
    } catch (cause) {
      if (cause instanceof RebalanceError) throw cause;
      this.broken(path, cause);
    }
  }

  /** A non-empty string of at most `max` characters. */
  text(value: unknown, path: string, max: number): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > max)
      this.fail(path, `must be a non-empty string of at most ${max} characters`, value);
    return value;
  }
}
