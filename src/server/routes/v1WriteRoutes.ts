import type { ObserveEvent } from '../../index.js';
import { renamePath } from '../errors/renamePath.js';
import type { ServerContext } from '../context.js';
import { v1Schemas } from '../schemas/v1Schemas.js';
import { errorResponses, STATEFUL_ERRORS, type RouteSpec } from './routeSpec.js';

const IMPRESSIONS = 'POST /v1/impressions';

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
        'Appends impressions and feedback events to the user\u2019s pending log in one step (StateStore.append): no retries and no conflicts, however many replicas write for one user. The next read or write folds the log into the state, atomically; GET state through POST /v1/assess. An event may carry an eventId, which a store that keeps event ids uses to apply it once.',
      tag: 'v1',
      body: schemas.impressionsBody,
      lists: { events: 'impression' },
      responses: {
        200: {
          description: 'How many events were appended.',
          schema: schemas.appendReply,
        },
        ...errorResponses(...STATEFUL_ERRORS),
      },
      handler: async (request) => {
        const body = request.body as { readonly userId: string; readonly events: ObserveEvent[] };
        ctx.noteUser(request, body.userId);
        try {
          await states.append(body.userId, body.events);
        } catch (error) {
          throw renamePath(error, 'impressions', 'events', IMPRESSIONS);
        }
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
        const state = await states.reset(body.userId);
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
        return { erased: await states.erase(id) };
      },
    },
  ];
}
