import type { ObserveEvent } from '../../index.js';
import type { ServerContext } from '../context.js';
import type { RequestNames } from '../errors/renamePath.js';
import { v1Schemas } from '../schemas/v1Schemas.js';
import { errorResponses, STATEFUL_ERRORS, type RouteSpec } from './routeSpec.js';

/** A store's `events` (and the library's `impressions`) are the request's `events`. */
const IMPRESSIONS: RequestNames = {
  api: 'POST /v1/impressions',
  fields: { userId: 'userId', events: 'events', impressions: 'events' },
};
const RESET: RequestNames = { api: 'POST /v1/reset', fields: { userId: 'userId' } };
const ERASE: RequestNames = { api: 'DELETE /v1/users/{id}', fields: { userId: 'id' } };

/**
 * The `/v1` routes that change a user's state: `POST /v1/impressions`, `POST /v1/reset` and
 * `DELETE /v1/users/{id}`.
 *
 * @internal
 */
export function v1WriteRoutes(ctx: ServerContext): RouteSpec[] {
  const schemas = v1Schemas(ctx.limits);
  const { rb, states } = ctx;
  return [
    {
      method: 'POST',
      url: '/v1/impressions',
      operationId: 'recordEvents',
      summary: 'Record what a user was shown, and their feedback',
      description:
        'Appends impressions and feedback events to the user\u2019s pending log in one step (StateStore.append), after checking every event as rb.observe does: one malformed event stores nothing. No conflicts, however many replicas write for one user. The answer counts the events accepted and carries no state: an append is durable once answered, and every later request sees its events folded in (read the state with POST /v1/assess). In memory the events are folded at once; in Redis the log is folded into the stored state every foldEvery-th append (16 by default) and by the user\u2019s next reset, and reads fold it without writing. An append retried after a 503 may store its events twice.',
      tag: 'v1',
      body: schemas.impressionsBody,
      lists: { events: 'impression' },
      responses: {
        200: {
          description: 'How many events were appended (all of them: an append is all or nothing).',
          schema: schemas.appendReply,
        },
        ...errorResponses(...STATEFUL_ERRORS),
      },
      handler: async (request) => {
        const body = request.body as { readonly userId: string; readonly events: ObserveEvent[] };
        ctx.noteUser(request, body.userId);
        await states.append(IMPRESSIONS, body.userId, body.events);
        return { accepted: body.events.length };
      },
    },
    {
      method: 'POST',
      url: '/v1/reset',
      operationId: 'reset',
      summary: 'Give a user a fresh start',
      description:
        'Clears the user\u2019s exposure, runs, detector statistics, levels, session, recovery memory and intervention log, and keeps their own "see less" choices (rb.reset). Protection that the policy gives everyone does not depend on the state, so a reset cannot switch it off.',
      tag: 'v1',
      body: schemas.resetBody,
      responses: {
        200: { description: 'The state after the reset.', schema: schemas.stateReply },
        ...errorResponses(...STATEFUL_ERRORS),
      },
      handler: async (request) => {
        const body = request.body as { readonly userId: string };
        ctx.noteUser(request, body.userId);
        const state = await states.reset(RESET, body.userId);
        return { impressions: state.impressions, assessment: rb.assess(state) };
      },
    },
    {
      method: 'DELETE',
      url: '/v1/users/:id',
      operationId: 'eraseUser',
      summary: 'Erase a user\u2019s state',
      description:
        'Erases the user\u2019s state at once (a request under GDPR Art. 17, for example). The id is a path segment: percent-encode it.',
      tag: 'v1',
      params: schemas.userParams,
      responses: {
        200: { description: 'Whether a state was erased.', schema: schemas.erasureReply },
        ...errorResponses(400, 500, 503),
      },
      handler: async (request) => {
        const { id } = request.params as { readonly id: string };
        ctx.noteUser(request, id);
        return { erased: await states.erase(ERASE, id) };
      },
    },
  ];
}
