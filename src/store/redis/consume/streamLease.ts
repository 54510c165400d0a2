import type { Cluster, Redis } from 'ioredis';

/** Extends the lease only while it still holds the owner's token. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/** Deletes the lease only while it still holds the owner's token. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * The key of a stream's ownership lease: the stream key with `:owner` appended, in the stream's
 * hash slot when the stream key carries a hash tag.
 *
 * @internal
 */
export function leaseKey(stream: string): string {
  return `${stream}:owner`;
}

/**
 * Takes a stream's lease when it is free (`SET NX PX`, Redis manual "Distributed locks").
 *
 * @returns whether this consumer holds it now
 * @internal
 */
export async function acquireLease(
  client: Redis | Cluster,
  stream: string,
  token: string,
  leaseMs: number,
): Promise<boolean> {
  return (await client.set(leaseKey(stream), token, 'PX', leaseMs, 'NX')) === 'OK';
}

/**
 * Extends a held lease by `leaseMs` from now.
 *
 * @returns whether it was still held
 * @internal
 */
export async function renewLease(
  client: Redis | Cluster,
  stream: string,
  token: string,
  leaseMs: number,
): Promise<boolean> {
  return (await client.eval(RENEW, 1, leaseKey(stream), token, String(leaseMs))) === 1;
}

/** Frees a held lease at once, so that another consumer can take the stream. @internal */
export async function releaseLease(
  client: Redis | Cluster,
  stream: string,
  token: string,
): Promise<void> {
  await client.eval(RELEASE, 1, leaseKey(stream), token);
}
