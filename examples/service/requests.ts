import type { Impression, Item } from '../../src/index.js';
import { HttpError } from './httpError.js';

/** `POST /feed`: whose feed, the ranked candidates and optional recovery pool, size and time. */
export interface FeedRequest {
  readonly userId: string;
  readonly candidates: readonly Item[];
  readonly recovery: readonly Item[];
  readonly size: number | undefined;
  readonly at: number | undefined;
}

/** `POST /impressions`: what the user was shown. */
export interface ImpressionsRequest {
  readonly userId: string;
  readonly impressions: readonly Impression[];
}

/**
 * Checks the envelope of a `POST /feed` body. Only the shape is checked here; the user id, the
 * items, `size` and `at` are validated by the store and the rebalancer, whose errors name the
 * exact field (`candidates[2].id`).
 */
export function readFeedRequest(body: unknown): FeedRequest {
  const o = object(body);
  return {
    userId: o.userId as string,
    candidates: list(o, 'candidates', true) as Item[],
    recovery: (list(o, 'recovery', false) ?? []) as Item[],
    size: o.size as number | undefined,
    at: o.at as number | undefined,
  };
}

/** Checks the envelope of a `POST /impressions` body. */
export function readImpressionsRequest(body: unknown): ImpressionsRequest {
  const o = object(body);
  return { userId: o.userId as string, impressions: list(o, 'impressions', true) as Impression[] };
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'request', 'request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function list(o: Record<string, unknown>, name: string, required: boolean): unknown[] | undefined {
  const value = Object.prototype.hasOwnProperty.call(o, name) ? o[name] : undefined;
  if (value === undefined && !required) return undefined;
  if (!Array.isArray(value)) {
    throw new HttpError(400, 'request', `${name} must be an array`, name);
  }
  return value as unknown[];
}
