import { RebalanceError, type RebalanceErrorCode } from '../../src/index.js';

/**
 * An error answered with its own HTTP status: `code` is a short machine-readable word, `message`
 * says what was wrong with the request.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * HTTP status for a library error. Bad input from the client is a 400; the rest are the
 * service's own trouble: the store unreachable (503, retry later), concurrent writers winning
 * every retry (409, nothing written, retry), a stored state failing validation (500).
 */
const STATUS: Readonly<Record<RebalanceErrorCode, number>> = {
  policy: 500,
  taxonomy: 500,
  resources: 500,
  item: 400,
  impression: 400,
  request: 400,
  argument: 400,
  state: 500,
  conflict: 409,
  store: 503,
};

/** The status and JSON body for whatever a handler threw. */
export function toErrorResponse(error: unknown): { status: number; body: unknown } {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: { error: describe(error.code, error.message, error.path) },
    };
  }
  if (error instanceof RebalanceError) {
    return {
      status: STATUS[error.code],
      body: { error: describe(error.code, error.message, error.path) },
    };
  }
  // Anything else is a bug; its details stay in the server's log, not in the response.
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}

function describe(code: string, message: string, path: string | undefined) {
  return path === undefined ? { code, message } : { code, message, path };
}
