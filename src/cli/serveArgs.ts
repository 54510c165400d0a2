import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';
import { presets } from '../index.js';
import type { PolicyInput } from '../policy/types.js';
import type { TaxonomyInput } from '../taxonomy/types.js';
import type { ResourceInput } from '../interventions/types.js';
import type { CliIo } from './io.js';
import { loadPolicy } from './loadPolicy.js';
import { parseFlags, readInteger, type FlagTable } from './parseFlags.js';

const COMMAND = 'serve';

/** The options of `serve`, each also read from an environment variable (the flag wins). */
const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  redis: { type: 'string' },
  'redis-cluster': { type: 'string' },
  policy: { type: 'string' },
  taxonomy: { type: 'string' },
  matcher: { type: 'string' },
  resources: { type: 'string' },
  'prc-recovery': { type: 'string' },
  'log-level': { type: 'string' },
  'body-limit': { type: 'string' },
  'max-items': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies FlagTable;

/** The environment variable of a flag: `--redis-cluster` → `FEED_REBALANCER_REDIS_CLUSTER`. @internal */
export function envName(flag: string): string {
  return `FEED_REBALANCER_${flag.toUpperCase().replace(/-/g, '_')}`;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Where states live, as `serve` was told. @internal */
export type StoreChoice =
  | { readonly kind: 'memory' }
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'cluster'; readonly urls: readonly string[] };

/** A configuration part and how the start-up log names it (`balanced (preset)`, `policy.json`). @internal */
export interface Named<T> {
  readonly label: string;
  readonly value: T;
}

/** Everything `serve` was told, files read and checked. @internal */
export interface ServeArgs {
  readonly help: boolean;
  readonly port: number;
  readonly host: string;
  readonly store: StoreChoice;
  readonly policy: Named<PolicyInput>;
  readonly taxonomy: Named<TaxonomyInput>;
  readonly matcher: 'exact' | 'evasive';
  readonly resources: Named<readonly ResourceInput[]> | null;
  readonly prcRecovery: Named<readonly unknown[]> | null;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** The key of the hash that stands for user ids in logs (`FEED_REBALANCER_LOG_KEY` only). */
  readonly logKey: string | undefined;
  readonly bodyLimit: number | undefined;
  readonly maxItems: number | undefined;
}

/**
 * Reads the arguments and environment of `serve`: flags first, then `FEED_REBALANCER_*`
 * variables, then the defaults (port 3000 on 127.0.0.1, states in memory, the `balanced`
 * preset on the default taxonomy, the exact matcher). Files are read and parsed here, so that a
 * missing or malformed file stops the command before the server starts.
 *
 * @throws RebalanceError with code `argument` (or `policy` for a policy file), naming the flag
 * @internal
 */
export async function readServeArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<ServeArgs> {
  const flags = parseFlags(COMMAND, args, FLAGS);
  const get = (name: keyof typeof FLAGS): string | undefined => {
    const flag = flags[name];
    if (typeof flag === 'string') return flag;
    const value = env[envName(name)];
    return value === undefined || value === '' ? undefined : value;
  };
  const policyText = get('policy') ?? 'balanced';
  const policy = await loadPolicy(COMMAND, policyText, io);
  const taxonomyText = get('taxonomy');
  const matcher = get('matcher') ?? 'exact';
  if (matcher !== 'exact' && matcher !== 'evasive')
    fail('matcher', `must be exact or evasive (got ${describeValue(matcher)})`);
  const logLevel = get('log-level') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    fail('log-level', `must be one of ${LOG_LEVELS.join(', ')} (got ${describeValue(logLevel)})`);
  const resources = get('resources');
  const prcRecovery = get('prc-recovery');
  return {
    help: flags.help === true,
    port: readInteger(COMMAND, 'port', get('port'), 3000, 0, 65_535)!,
    host: get('host') ?? '127.0.0.1',
    store: readStore(get('redis'), get('redis-cluster')),
    policy:
      typeof policy === 'string'
        ? { label: `${policy} (preset)`, value: presets.policies[policy as 'balanced'] }
        : { label: `${policy.name} (file ${policyText})`, value: policy.policy },
    taxonomy:
      taxonomyText === undefined || taxonomyText === 'default'
        ? { label: 'default', value: presets.taxonomies.default }
        : await readJson<TaxonomyInput>('taxonomy', taxonomyText, io, 'object'),
    matcher,
    resources:
      resources === undefined
        ? null
        : await readJson<readonly ResourceInput[]>('resources', resources, io, 'array'),
    prcRecovery:
      prcRecovery === undefined
        ? null
        : await readJson<readonly unknown[]>('prc-recovery', prcRecovery, io, 'array'),
    logLevel: logLevel as ServeArgs['logLevel'],
    logKey: env.FEED_REBALANCER_LOG_KEY,
    bodyLimit: readInteger(
      COMMAND,
      'body-limit',
      get('body-limit'),
      undefined,
      1,
      256 * 1024 * 1024,
    ),
    maxItems: readInteger(COMMAND, 'max-items', get('max-items'), undefined, 1, 100_000),
  };
}

/** Memory, one Redis URL, or a comma-separated list of cluster node URLs (not both). */
function readStore(redis: string | undefined, cluster: string | undefined): StoreChoice {
  if (redis !== undefined && cluster !== undefined)
    fail('redis', 'and --redis-cluster cannot both be given');
  if (redis !== undefined) return { kind: 'redis', url: checkUrl('redis', redis) };
  if (cluster === undefined) return { kind: 'memory' };
  const urls = cluster
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (urls.length === 0) fail('redis-cluster', 'needs at least one node URL');
  return { kind: 'cluster', urls: urls.map((u) => checkUrl('redis-cluster', u)) };
}

function checkUrl(flag: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    fail(flag, `must be a redis:// or rediss:// URL (got ${describeValue(redact(text))})`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    fail(flag, `must be a redis:// or rediss:// URL (got ${describeValue(redact(text))})`);
  return text;
}

/** A URL without its credentials, for messages and logs. @internal */
export function redact(text: string): string {
  return text.replace(/\/\/[^@/]*@/, '//***@');
}

async function readJson<T>(
  flag: string,
  text: string,
  io: CliIo,
  shape: 'object' | 'array',
): Promise<Named<T>> {
  let source: string;
  try {
    source = await readFile(resolve(io.cwd, text), 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    fail(flag, `cannot read ${describeValue(text)} (${typeof code === 'string' ? code : 'error'})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    fail(flag, `file ${describeValue(text)} is not JSON (${(error as Error).message})`);
  }
  const ok = shape === 'array' ? Array.isArray(value) : typeof value === 'object' && value !== null;
  if (!ok) fail(flag, `file ${describeValue(text)} must hold a JSON ${shape}`);
  return { label: text, value: value as T };
}

function fail(flag: string, rule: string): never {
  throw new RebalanceError('argument', `${COMMAND}: --${flag} ${rule}`, flag);
}
