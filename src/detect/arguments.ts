import { failInput, unreadableError } from '../validate/fail.js';

/**
 * Reads the options object of a design helper: every property once, unknown names refused, so a
 * misspelt `taget` fails loudly instead of silently taking a default. Errors carry code
 * `argument` and the argument's name as their path.
 *
 * @example
 * ```ts
 * import { ArgumentReader } from './arguments.js';
 * const args = new ArgumentReader('runArl', { p: 0.3, length: 4 }, ['p', 'length']);
 * args.probability('p'); // 0.3
 * args.integer('length', 1, 100); // 4
 * ```
 *
 * @internal
 */
export class ArgumentReader {
  private readonly values = new Map<string, unknown>();

  /**
   * @param api - the helper's name, which starts every message
   * @param input - the caller's options object
   * @param names - the names it may have
   */
  constructor(
    readonly api: string,
    input: unknown,
    names: readonly string[],
  ) {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      failInput('argument', api, undefined, 'must be an object', input, 'the argument');
    let keys: string[];
    try {
      keys = Object.keys(input);
    } catch (cause) {
      throw unreadableError('argument', api, undefined, cause, 'the argument');
    }
    for (const key of keys) {
      if (!names.includes(key))
        this.fail(key, `is not a known argument (expected ${names.join(', ')})`, key);
      try {
        this.values.set(key, (input as Record<string, unknown>)[key]);
      } catch (cause) {
        throw unreadableError('argument', api, key, cause);
      }
    }
  }

  /** The argument's value as given (`undefined` when absent), for arguments read elsewhere. */
  value(name: string): unknown {
    return this.values.get(name);
  }

  /** Throws the `argument` error for `name`. */
  fail(name: string, rule: string, value: unknown): never {
    failInput('argument', this.api, name, rule, value);
  }

  /** A finite number accepted by `accept`; `rule` says what that is ("must be in (0, 1)"). */
  number(name: string, accept: (value: number) => boolean, rule: string): number {
    const value = this.values.get(name);
    if (typeof value !== 'number' || !Number.isFinite(value) || !accept(value))
      this.fail(name, rule, value);
    return value;
  }

  /** Like {@link ArgumentReader.number}, or `fallback` when the argument is absent. */
  optionalNumber(
    name: string,
    accept: (value: number) => boolean,
    rule: string,
    fallback: number,
  ): number {
    return this.values.get(name) === undefined ? fallback : this.number(name, accept, rule);
  }

  /** A probability strictly between 0 and 1. */
  probability(name: string): number {
    return this.number(name, (v) => v > 0 && v < 1, 'must be a number in (0, 1)');
  }

  /** An integer in [min, max]. */
  integer(name: string, min: number, max: number): number {
    return this.number(
      name,
      (v) => Number.isInteger(v) && v >= min && v <= max,
      max === Number.MAX_SAFE_INTEGER
        ? `must be an integer >= ${min}`
        : `must be an integer in [${min}, ${max}]`,
    );
  }
}
