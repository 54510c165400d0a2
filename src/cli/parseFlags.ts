import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';

/** The option table `util.parseArgs` takes. @internal */
export type FlagTable = NonNullable<ParseArgsConfig['options']>;

/** What Node's parser reports, by its stable error code. */
const PARSE_ERRORS: ReadonlyMap<
  string,
  (command: string, detail: string, known: string) => string
> = new Map([
  [
    'ERR_PARSE_ARGS_UNKNOWN_OPTION',
    (command, detail, known) => `${command}: unknown option ${detail} (known options: ${known})`,
  ],
  [
    'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
    (command, detail) =>
      `${command}: ${detail} needs a value (write ${detail} VALUE, or ${detail}=VALUE for a value starting with a dash)`,
  ],
  [
    'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
    (command, detail) => `${command}: unexpected argument ${detail}; every argument is an --option`,
  ],
]);

/**
 * Parses `args` with Node's `util.parseArgs` in strict mode and turns its errors into messages
 * that name the command, the rule and the argument received. A boolean flag given a value
 * (`--progress=yes`) is reported as such rather than as a missing value.
 *
 * @throws RebalanceError with code `argument` and the option name as `path`
 * @internal
 */
export function parseFlags(
  command: string,
  args: readonly string[],
  flags: FlagTable,
): Record<string, string | boolean | undefined> {
  return parseCommandLine(command, args, flags, false).values;
}

/**
 * {@link parseFlags} for a command that also takes plain arguments (`merge DIR…`): returns the
 * options and, in order, the arguments that are not options. `--` ends the options.
 *
 * @throws RebalanceError with code `argument` and the option name as `path`
 * @internal
 */
export function parseCommandLine(
  command: string,
  args: readonly string[],
  flags: FlagTable,
  allowPositionals = true,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: flags,
      strict: true,
      allowPositionals,
    });
    // parseArgs builds `values` with a null prototype, so option names cannot reach Object.prototype.
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const format = typeof code === 'string' ? PARSE_ERRORS.get(code) : undefined;
    if (format === undefined) throw error;
    const message = (error as Error).message;
    const option = /'(--?[^'\s=]+)/.exec(message)?.[1] ?? '';
    const name = option.replace(/^-+/, '');
    const known = Object.keys(flags)
      .map((f) => `--${f}`)
      .join(', ');
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flags[name]?.type === 'boolean') {
      throw new RebalanceError(
        'argument',
        `${command}: ${option} is a switch and takes no value`,
        name,
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const value = /'([^']*)'/.exec(message)?.[1] ?? '';
      throw new RebalanceError('argument', format(command, describeValue(value), known), '');
    }
    throw new RebalanceError('argument', format(command, option, known), name, { cause: error });
  }
}

/**
 * Reads a whole-number option: decimal digits only (no `1e3`, no `0x10`, no sign), within
 * [min, max]; `fallback` when the option is absent.
 *
 * @throws RebalanceError with code `argument` naming the option and the text received
 * @internal
 */
export function readInteger(
  command: string,
  name: string,
  text: string | boolean | undefined,
  fallback: number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return fallback;
  const value = typeof text === 'string' && /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RebalanceError(
      'argument',
      `${command}: --${name} must be a whole number in [${min}, ${max}] (got ${describeValue(text)})`,
      name,
    );
  }
  return value;
}
