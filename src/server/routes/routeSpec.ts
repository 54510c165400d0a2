import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ListCodes } from '../errors/validationError.js';
import type { JsonSchema } from '../schemas/jsonSchema.js';
import { ref } from '../schemas/jsonSchema.js';
import { ERROR } from '../schemas/errorSchema.js';

/** One documented answer of a route: when it is given, and its body. @internal */
export interface ResponseSpec {
  readonly description: string;
  readonly schema: JsonSchema;
}

/**
 * A route, described once: Fastify registers it from this (validation and serialisation from
 * its schemas) and the OpenAPI document lists it from the same object.
 *
 * @internal
 */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The path in Fastify's form (`/v1/users/:id`). */
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tag: 'v1' | 'challenge' | 'operations';
  readonly body?: JsonSchema;
  readonly params?: JsonSchema;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** The media type of the 200 answer. @defaultValue 'application/json' */
  readonly produces?: string;
  /**
   * Whether the handler returns the 200 body as it is to be sent (metrics text, the prebuilt
   * OpenAPI document): its schema documents the answer and is not used to serialise it.
   */
  readonly preserialized?: boolean;
  /** Error codes of the entries of top-level lists of the body (`candidates` → `item`). */
  readonly lists?: ListCodes;
  readonly handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The request breaks a rule: the code says which kind (request, item, impression, state), the path which field.',
  404: 'No such route.',
  409: 'Other writers of the same user won every retry (conflict); nothing was written. Retry.',
  413: 'The body is larger than the server\u2019s limit.',
  415: 'The body is not sent as application/json.',
  500: 'The server failed (internal).',
  503: 'The state store cannot be reached (store), or the server is shutting down (unavailable). Retry later or on another replica.',
};

/**
 * The error answers of a route, each with the shared error body.
 *
 * @param statuses - the statuses the route can answer besides 200
 * @returns the responses, by status
 * @internal
 */
export function errorResponses(...statuses: readonly number[]): Record<number, ResponseSpec> {
  const responses: Record<number, ResponseSpec> = {};
  for (const status of statuses)
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'An error.',
      schema: ref(ERROR),
    };
  return responses;
}

/** The error answers of every route that takes a JSON body and uses the state store. @internal */
export const STATEFUL_ERRORS = [400, 409, 413, 415, 500, 503] as const;
