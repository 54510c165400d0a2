import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpError.js';

/**
 * Reads a request body of at most `limit` bytes and parses it as JSON. Refuses a declared or
 * actual size over the limit (413) as soon as it is known, without buffering the rest, a
 * content type other than JSON (415) and malformed JSON (400).
 */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(
      415,
      'content-type',
      `request body must be application/json (got ${JSON.stringify(type.slice(0, 60))})`,
    );
  }
  const declared = Number(request.headers['content-length']);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'json', `request body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body', `request body must be at most ${limit} bytes`);
}
