/**
 * Warnings Ajv prints while compiling, except the deprecation notice of `unicode`: Ajv still
 * honours `unicode: false` but announces it on every validator compiler it builds.
 */
const logger = {
  log: (): void => undefined,
  warn: (...args: unknown[]): void => {
    if (!String(args[0]).startsWith('DEPRECATED: option unicode')) console.warn(...args);
  },
  error: (...args: unknown[]): void => {
    console.error(...args);
  },
};

/**
 * The options of the Ajv instances that validate requests.
 *
 * @internal
 */
export const AJV_OPTIONS = {
  // Types are checked as written: no "5" for 5, and no fields removed or added silently.
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: false,
  // String lengths in UTF-16 code units, as the library's limits count them (and several times
  // faster than counting code points over every string of every item).
  unicode: false,
  // The first error only: a hostile body costs one error, not thousands.
  allErrors: false,
  // Errors carry their schema, for messages that name the forms a value may take.
  verbose: true,
  logger,
} as const;
