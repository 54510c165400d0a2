import { RebalanceError } from '../../index.js';
import { InputReader } from '../../validate/reader.js';
import { PARTIAL_FORMAT, PARTIAL_VERSION } from './PartialResult.js';
import { checkShard, type Shard } from './Shard.js';

/** The fields of every partial result. */
const FIELDS = ['format', 'version', 'kind', 'fingerprint', 'run', 'shard', 'units'] as const;

/**
 * A partial result's envelope, checked: the format and version this library reads, a kind and
 * a fingerprint of sane length, a valid shard. `run` and `units` are left to the kind.
 *
 * @internal
 */
export interface PartialEnvelope {
  readonly kind: string;
  readonly fingerprint: string;
  readonly run: unknown;
  readonly shard: Shard;
  readonly units: unknown;
}

/**
 * Reads the envelope of an untrusted partial result.
 *
 * @param api - the start of messages (the API and the partial's name)
 * @param value - the parsed partial
 * @returns the envelope
 * @throws RebalanceError with code `argument` and the path of the offending field
 * @internal
 */
export function partialEnvelope(api: string, value: unknown): PartialEnvelope {
  const r = new InputReader(api, 'argument', '');
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    r.fail('', 'must be a partial result object', value);
  const o = r.object(value, '', FIELDS);
  for (const key of FIELDS) if (!(key in o)) r.fail(key, 'is missing', undefined);
  if (o['format'] !== PARTIAL_FORMAT) r.fail('format', `must be '${PARTIAL_FORMAT}'`, o['format']);
  const version = o['version'];
  if (typeof version === 'number' && version > PARTIAL_VERSION)
    throw new RebalanceError(
      'argument',
      `${api}: version ${version} was written by a newer feed-rebalancer; this one reads version ${PARTIAL_VERSION}`,
      'version',
    );
  if (version !== PARTIAL_VERSION) r.fail('version', `must be ${PARTIAL_VERSION}`, version);
  return {
    kind: r.string(o['kind'], 'kind', 64),
    fingerprint: r.string(o['fingerprint'], 'fingerprint', 128),
    run: o['run'],
    shard: checkShard(api, o['shard'], 'shard'),
    units: o['units'],
  };
}
