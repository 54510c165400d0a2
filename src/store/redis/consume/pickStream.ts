import { RebalanceError } from '../../../errors/RebalanceError.js';
import { describeValue } from '../../../errors/describe.js';

/**
 * The stream a producer adds a user's events to: one of `streams`, chosen by a 32-bit FNV-1a
 * hash of the user id (Fowler, Noll and Vo), so that all events of a user go to one stream, in
 * order, and users spread evenly over the streams. Every producer and consumer must be given
 * the same list in the same order; changing it moves users to other streams (see
 * docs/ingestion.md, "Scaling out").
 *
 * @param userId - the user's id
 * @param streams - the stream keys, at least one
 * @returns the stream key for this user
 * @throws RebalanceError with code `argument` when `streams` is empty or `userId` is not a string
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { pickStream } from 'feed-rebalancer/redis';
 * const client = new Redis();
 * const streams = ['impressions{0}', 'impressions{1}'];
 * const event = { item: { id: 'v1', hashtags: ['#thinspo'] }, at: Date.now(), eventId: 'imp-81723' };
 * await client.xadd(pickStream('user-1', streams), '*', 'u', 'user-1', 'e', JSON.stringify(event));
 * ```
 */
export function pickStream(userId: string, streams: readonly string[]): string {
  if (typeof userId !== 'string')
    throw new RebalanceError(
      'argument',
      `pickStream: userId must be a string (got ${describeValue(userId)})`,
      'userId',
    );
  const list: readonly unknown[] = streams;
  if (!Array.isArray(list) || list.length === 0)
    throw new RebalanceError(
      'argument',
      `pickStream: streams must be a non-empty array of stream keys (got ${describeValue(streams)})`,
      'streams',
    );
  return streams[fnv1a(userId) % list.length]!;
}

/** 32-bit FNV-1a over UTF-16 code units: offset basis 2166136261, prime 16777619. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
