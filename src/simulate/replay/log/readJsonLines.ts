import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { RebalanceError } from '../../../index.js';
import { LIMITS } from '../../../validate/limits.js';
import { recordPath, REPLAY } from '../readRecord.js';
import type { LogEntry } from '../replayUsers.js';

const NEWLINE = 0x0a;

/**
 * Reads a JSON Lines log (gzipped when `gzip`), one parsed record per non-blank line, with its
 * 1-based line number. The file is streamed: memory holds one line, never more than
 * `LIMITS.logLineLength` characters — which is why lines are split here rather than by
 * `node:readline`, whose lines have no bound. `onBytes` is called with the bytes of the file read
 * so far (compressed bytes for a gzipped file, so that progress is against the file's size).
 *
 * @param path - the file
 * @param gzip - whether the file is gzipped
 * @param onBytes - progress, in bytes of the file
 * @returns the records in file order
 * @throws RebalanceError with code `argument` for a line that is too long or is not JSON
 * @internal
 */
export async function* readJsonLines(
  path: string,
  gzip: boolean,
  onBytes: (bytes: number) => void,
): AsyncGenerator<LogEntry> {
  const file = createReadStream(path);
  let bytes = 0;
  file.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  const stream: Readable = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (error) => stream.destroy(error));
  let parts: Buffer[] = [];
  let pending = 0;
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
        parts.push(chunk.subarray(start, end));
        line++;
        const entry = parseLine(Buffer.concat(parts), line);
        parts = [];
        pending = 0;
        if (entry !== null) yield entry;
        start = end + 1;
      }
      if (start < chunk.length) {
        parts.push(chunk.subarray(start));
        pending += chunk.length - start;
        // UTF-8 needs at most 4 bytes a character: past that, the line is surely too long.
        if (pending > 4 * LIMITS.logLineLength) tooLong(line + 1);
      }
    }
    if (pending > 0) {
      const entry = parseLine(Buffer.concat(parts), line + 1);
      if (entry !== null) yield entry;
    }
  } finally {
    file.destroy();
  }
}

function parseLine(bytes: Buffer, line: number): LogEntry | null {
  const text = bytes.toString('utf8');
  if (text.length > LIMITS.logLineLength) tooLong(line);
  if (text.trim() === '') return null;
  try {
    return { value: JSON.parse(text) as unknown, line };
  } catch (error) {
    throw new RebalanceError(
      'argument',
      `${REPLAY}: ${recordPath(line)} is not a JSON record (${(error as Error).message})`,
      recordPath(line),
      { cause: error },
    );
  }
}

function tooLong(line: number): never {
  throw new RebalanceError(
    'argument',
    `${REPLAY}: ${recordPath(line)} must be at most ${LIMITS.logLineLength} characters long`,
    recordPath(line),
  );
}
