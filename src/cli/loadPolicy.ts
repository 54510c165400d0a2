import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import { presets, resolvePolicy } from '../index.js';
import type { NamedPolicy } from '../simulate/types.js';
import type { CliIo } from './io.js';

/**
 * Turns a `--policy`/`--compare` entry into what `simulate` and `compare` take: a preset name as
 * it is, or a path to a JSON policy file, read, validated with `resolvePolicy` (so a bad file is
 * reported with the JSON path of the offending field before any simulation starts) and named
 * after the file (`strict.json` → `strict`).
 *
 * @throws RebalanceError with code `argument` for an unknown name or an unreadable or
 * non-JSON file, or code `policy` with the field's path for a file that is not a valid policy
 * @internal
 */
export async function loadPolicy(
  command: string,
  text: string,
  io: CliIo,
): Promise<string | NamedPolicy> {
  if (Object.hasOwn(presets.policies, text)) return text;
  if (!looksLikePath(text)) {
    const names = Object.keys(presets.policies).join(', ');
    throw new RebalanceError(
      'argument',
      `${command}: unknown policy ${describeValue(text)} (expected a preset: ${names}; or a path to a JSON policy file)`,
      'policy',
    );
  }
  const file = resolve(io.cwd, text);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === 'string' ? code : (error as Error).message;
    throw new RebalanceError(
      'argument',
      `${command}: cannot read policy file ${describeValue(text)} (${reason})`,
      'policy',
      { cause: error },
    );
  }
  let policy: unknown;
  try {
    policy = JSON.parse(source);
  } catch (error) {
    throw new RebalanceError(
      'argument',
      `${command}: policy file ${describeValue(text)} is not JSON (${(error as Error).message})`,
      'policy',
      { cause: error },
    );
  }
  // Throws RebalanceError('policy', '<command> --policy <file>: <path> must …', <path>).
  resolvePolicy(policy, `${command} --policy ${text}`);
  return { name: policyName(text), policy: policy as NamedPolicy['policy'] };
}

/** A name for a policy file: its base name without `.json`, unless that would pass for a preset. */
function policyName(path: string): string {
  const base = basename(path);
  const stem = extname(base).toLowerCase() === '.json' ? base.slice(0, -5) : base;
  return stem === '' || Object.hasOwn(presets.policies, stem) ? base : stem;
}

/** A policy argument is a file when it has a path separator or a `.json` ending. */
function looksLikePath(text: string): boolean {
  return text.includes('/') || text.includes('\\') || text.toLowerCase().endsWith('.json');
}
