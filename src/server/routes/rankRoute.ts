import { RebalanceError } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import type { ServerContext } from '../context.js';
import { parsePrcTime } from '../prc/prcTime.js';
import type { PrcRequest } from '../prc/prcTypes.js';
import { rankPrc } from '../prc/rankPrc.js';
import { prcSchemas } from '../schemas/prcSchemas.js';
import type { RequestNames } from '../errors/renamePath.js';
import { errorResponses, STATEFUL_ERRORS, type RouteSpec } from './routeSpec.js';

const API = 'POST /rank';
/** A store checks `userId`; the challenge's request has `session.user_id`. */
const NAMES: RequestNames = { api: API, fields: { userId: 'session.user_id' } };

/**
 * `POST /rank`: the Prosocial Ranking Challenge's ranker API. Takes the challenge's
 * `RankingRequest`, answers its `RankingResponse`, and records what was served as the user's
 * impressions at `session.current_time` (a prefetch records nothing).
 *
 * @internal
 */
export function rankRoute(ctx: ServerContext): RouteSpec {
  const { rankBody, rankReply } = prcSchemas(ctx.limits);
  return {
    method: 'POST',
    url: '/rank',
    operationId: 'rank',
    summary: 'Rank a feed for the Prosocial Ranking Challenge',
    description:
      'The challenge\u2019s ranker API. Posts are rebalanced as a feed (caps, and recovery items inserted as new_items when the server has a pool of them with URLs); comments are reordered only among their siblings, and removing an item removes its replies. What is served is recorded as impressions of session.user_id at session.current_time, unless session.prefetch is true.',
    tag: 'challenge',
    body: rankBody,
    responses: {
      200: { description: 'The ranking.', schema: rankReply },
      ...errorResponses(...STATEFUL_ERRORS),
    },
    handler: async (request) => {
      const body = request.body as PrcRequest;
      const { session } = body;
      ctx.noteUser(request, session.user_id);
      const at = readTime(session.current_time, 'session.current_time');
      for (let i = 0; i < body.items.length; i++)
        readTime(body.items[i]!.created_at, `items[${i}].created_at`);
      const state = await ctx.states.read(NAMES, session.user_id);
      const ranking = rankPrc(ctx.rb, body.items, state, at, ctx.prcPool, ctx.textTopics);
      if (session.prefetch !== true && ranking.shown.length > 0) {
        const events = new Array<{ item: (typeof ranking.shown)[number]; at: number }>(
          ranking.shown.length,
        );
        for (let i = 0; i < events.length; i++) events[i] = { item: ranking.shown[i]!, at };
        await ctx.states.append(NAMES, session.user_id, events);
      }
      return {
        ranked_ids: ranking.rankedIds,
        new_items: ranking.newItems,
        metadata: { intervention_on: ranking.interventionOn },
      };
    },
  };
}

/** A time the schema admitted by its form, checked for range (no 30 February). */
function readTime(value: string | number, path: string): number {
  const ms = parsePrcTime(value);
  if (ms === null)
    throw new RebalanceError(
      'request',
      `${API}: ${path} must be a valid UTC time (YYYY-MM-DD hh:mm:ss, ISO 8601 or a Unix timestamp up to year 9999) (got ${describeValue(value)})`,
      path,
    );
  return ms;
}
