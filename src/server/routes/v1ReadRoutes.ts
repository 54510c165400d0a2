import {
  explain,
  RebalanceError,
  type Item,
  type NonProfilingRequest,
  type RebalanceRequest,
  type RebalanceResult,
  type UserState,
} from '../../index.js';
import type { ServerContext } from '../context.js';
import type { RequestNames } from '../errors/renamePath.js';
import { v1Schemas } from '../schemas/v1Schemas.js';
import { errorResponses, STATEFUL_ERRORS, type RouteSpec } from './routeSpec.js';

const REBALANCE: RequestNames = { api: 'POST /v1/rebalance', fields: { userId: 'userId' } };
const ASSESS: RequestNames = { api: 'POST /v1/assess', fields: { userId: 'userId' } };

interface RebalanceBody {
  readonly userId?: string;
  readonly candidates: readonly Item[];
  readonly recovery?: readonly Item[];
  readonly size?: number;
  readonly at?: number;
  readonly locale?: string;
  readonly profiling?: boolean;
  readonly shadow?: boolean;
  readonly decision?: boolean;
}

/** The answer of `POST /v1/rebalance`. */
interface RebalanceReply {
  readonly items: readonly string[];
  readonly slots: RebalanceResult['slots'];
  readonly dropped: RebalanceResult['dropped'];
  readonly rejectedRecovery: RebalanceResult['rejectedRecovery'];
  readonly assessment: RebalanceResult['assessment'];
  readonly applied: RebalanceResult['applied'];
  readonly explanation: string;
  decision?: RebalanceResult['decision'];
}

/**
 * The `/v1` routes that read a user's state without changing it: `POST /v1/rebalance`,
 * `POST /v1/assess`, and `POST /v1/intercept`, which reads none.
 *
 * @internal
 */
export function v1ReadRoutes(ctx: ServerContext): RouteSpec[] {
  const schemas = v1Schemas(ctx.limits);
  const { rb, states, metrics } = ctx;
  return [
    {
      method: 'POST',
      url: '/v1/rebalance',
      operationId: 'rebalance',
      summary: 'Rebalance a ranked feed for a user',
      description:
        'Reads the user\u2019s state and reshapes the ranked candidates under the server\u2019s policy: caps on triggering items, recovery items interleaved. Answers the feed with its audit (slots, dropped candidates, refused recovery items, the assessment, what the policy applied, and a one-sentence explanation). Serving is not seeing: report what the user was shown with POST /v1/impressions.',
      tag: 'v1',
      body: schemas.rebalanceBody,
      lists: { candidates: 'item', recovery: 'item' },
      responses: {
        200: { description: 'The rebalanced feed and its audit.', schema: schemas.rebalanceReply },
        ...errorResponses(...STATEFUL_ERRORS),
      },
      handler: async (request) => {
        const body = request.body as RebalanceBody;
        const at = body.at ?? ctx.now();
        let state: UserState | undefined;
        if (body.profiling !== false) {
          if (body.userId === undefined)
            throw new RebalanceError(
              'request',
              `${REBALANCE.api}: userId is required (unless profiling is false)`,
              'userId',
            );
          ctx.noteUser(request, body.userId);
          state = await states.read(REBALANCE, body.userId);
        }
        const result = rb.rebalance(rebalanceRequest(body, state, at));
        // The rebalance itself was counted by the server's metered rebalancer.
        metrics.library.suggested(result.assessment.interventions);
        const ids = new Array<string>(result.items.length);
        for (let i = 0; i < ids.length; i++) ids[i] = result.items[i]!.id;
        const reply: RebalanceReply = {
          items: ids,
          slots: result.slots,
          dropped: result.dropped,
          rejectedRecovery: result.rejectedRecovery,
          assessment: result.assessment,
          applied: result.applied,
          explanation: explain(result),
        };
        if (body.decision ?? body.shadow === true) reply.decision = result.decision;
        return reply;
      },
    },
    {
      method: 'POST',
      url: '/v1/assess',
      operationId: 'assess',
      summary: 'Assess a user\u2019s exposure',
      description:
        'What the detector says about the user at time at (the server\u2019s clock when omitted): per group the level, exposure, run and statistic, and the interventions it suggests.',
      tag: 'v1',
      body: schemas.assessBody,
      responses: {
        200: {
          description: 'The user\u2019s impression count and assessment.',
          schema: schemas.stateReply,
        },
        ...errorResponses(...STATEFUL_ERRORS),
      },
      handler: async (request) => {
        const body = request.body as { readonly userId: string; readonly at?: number };
        ctx.noteUser(request, body.userId);
        const state = await states.read(ASSESS, body.userId);
        const assessment = rb.assess(state, body.at ?? ctx.now());
        metrics.library.suggested(assessment.interventions);
        return { impressions: state.impressions, assessment };
      },
    },
    {
      method: 'POST',
      url: '/v1/intercept',
      operationId: 'intercept',
      summary: 'Intercept a search query',
      description:
        'What to show for a search query, instead of or above its results: for a search of a taxonomy group (evasive spellings included with the evasive matcher) the group and up to three resources for the locale; for a supportive mental-health search a banner; otherwise null. The query is never logged.',
      tag: 'v1',
      body: schemas.interceptBody,
      responses: {
        200: { description: 'The interception, or null.', schema: schemas.interceptReply },
        ...errorResponses(400, 413, 415, 500),
      },
      handler: (request) => {
        const body = request.body as { readonly query: string; readonly locale?: string };
        const interception = rb.interceptQuery(body.query, { locale: body.locale ?? '*' });
        metrics.library.intercepted(interception);
        return Promise.resolve({ interception });
      },
    },
  ];
}

/**
 * The library's request: written out field by field rather than spread, which V8 builds through
 * a slow path, and without `undefined` optional fields. `state` undefined ranks without
 * profiling.
 */
function rebalanceRequest(
  body: RebalanceBody,
  state: UserState | undefined,
  at: number,
): RebalanceRequest | NonProfilingRequest {
  const request: {
    candidates: readonly Item[];
    recovery: readonly Item[];
    at: number;
    state?: UserState;
    profiling?: false;
    size?: number;
    locale?: string;
    shadow?: boolean;
  } = { candidates: body.candidates, recovery: body.recovery ?? [], at };
  if (state === undefined) request.profiling = false;
  else request.state = state;
  if (body.size !== undefined) request.size = body.size;
  if (body.locale !== undefined) request.locale = body.locale;
  if (body.shadow !== undefined) request.shadow = body.shadow;
  return request as RebalanceRequest | NonProfilingRequest;
}
