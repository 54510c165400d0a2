import { RebalanceError, type RebalanceErrorCode } from '../../index.js';

/**
 * The HTTP status of each library error code — the one place where library errors become
 * statuses. Bad input is the client's (400). A stored state that fails validation is answered
 * 400 as well: the request cannot be served as it stands, and retrying it will not help. Other
 * writers winning every retry is a conflict (409: nothing was written, retry). An unreachable
 * store is the service's trouble (503: retry later, or on another replica). A bad policy,
 * taxonomy or resource directory is the server's configuration (500); it cannot start with one.
 *
 * @internal
 */
export const STATUS_BY_CODE: Readonly<Record<RebalanceErrorCode, number>> = {
  request: 400,
  item: 400,
  impression: 400,
  state: 400,
  argument: 400,
  conflict: 409,
  store: 503,
  policy: 500,
  taxonomy: 500,
  resources: 500,
};

/** The body of every error answer. @internal */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly path: string; readonly message: string };
}

/** An error answer: its status, its body, and how loudly the server logs it. @internal */
export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorBody;
  /** `info` for the client's errors, `warn` for the store's, `error` for the server's own. */
  readonly severity: 'info' | 'warn' | 'error';
}

/**
 * An error answered with its own status and code, for the failures that happen before the
 * library sees a request: a body too large (413) or of the wrong media type (415), malformed
 * JSON (400), an unknown route (404).
 *
 * @internal
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string;

  constructor(status: number, code: string, message: string, path = '') {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.path = path;
  }
}

/**
 * The answer for whatever a route threw. A `RebalanceError` keeps its code and path with the
 * status of {@link STATUS_BY_CODE}; anything else is a fault of the server, answered 500 with a
 * message that tells nothing of its cause (the cause goes to the log).
 *
 * @internal
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: envelope(error.code, error.path, error.message),
      severity: error.status >= 500 ? 'error' : 'info',
    };
  }
  if (error instanceof RebalanceError) {
    const status = STATUS_BY_CODE[error.code] ?? 500;
    return {
      status,
      body: envelope(error.code, error.path ?? '', error.message),
      severity: status === 503 || status === 409 ? 'warn' : status >= 500 ? 'error' : 'info',
    };
  }
  return {
    status: 500,
    body: envelope('internal', '', 'internal error: the server failed; see its log'),
    severity: 'error',
  };
}

function envelope(code: string, path: string, message: string): ErrorBody {
  return { error: { code, path, message } };
}
