import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The SHA-256 of a file's bytes (as stored: a gzipped log's compressed bytes), streamed, and
 * their count. What identifies a replay's log across machines: a shard's partial merges only with
 * partials of the same bytes, whatever the file's name or path on each machine.
 *
 * @param path - the file
 * @returns `bytes` and the hex `sha256`
 * @internal
 */
export async function fileDigest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
