import { LIMITS } from '../../validate/limits.js';
import type { ResolvedServerLimits } from '../limits.js';
import { ITEM, OBSERVE_EVENT } from './itemSchemas.js';
import { arrayOf, object, ref, string, type JsonSchema } from './jsonSchema.js';
import {
  APPLIED_ACTIONS,
  DECISION,
  ASSESSMENT,
  DROPPED_ITEM,
  QUERY_INTERCEPTION,
  REJECTED_RECOVERY,
  SLOT,
} from './resultSchemas.js';

/** Longest search query `POST /v1/intercept` takes; the interceptor reads the first 500 characters. */
const QUERY_MAX_LENGTH = 4_096;

const userId = string(
  'The user\u2019s id: opaque to the server, never logged in clear (a keyed hash stands for it).',
  { min: 1, max: LIMITS.userIdLength },
);
const at = {
  type: 'number',
  description: 'The request time (ms since the epoch); omitted means the server\u2019s clock.',
};
const locale = string(
  'The reader\u2019s locale (BCP 47, such as en-GB) for the resources on banners and interceptions; * for the directory\u2019s fallback entries only.',
  { min: 1, max: 64 },
);

/** The request and response bodies of the versioned API, for the given limits. @internal */
export interface V1Schemas {
  readonly rebalanceBody: JsonSchema;
  readonly rebalanceReply: JsonSchema;
  readonly impressionsBody: JsonSchema;
  readonly stateReply: JsonSchema;
  readonly appendReply: JsonSchema;
  readonly assessBody: JsonSchema;
  readonly interceptBody: JsonSchema;
  readonly interceptReply: JsonSchema;
  readonly resetBody: JsonSchema;
  readonly userParams: JsonSchema;
  readonly erasureReply: JsonSchema;
}

/**
 * The bodies of the `/v1` routes. Lists are bounded by `limits`, so one schema both checks a
 * request and documents its limit.
 *
 * @internal
 */
export function v1Schemas(limits: ResolvedServerLimits): V1Schemas {
  return {
    rebalanceBody: object(
      {
        userId: {
          ...userId,
          description: `${String(userId.description)} Required unless profiling is false.`,
        },
        candidates: arrayOf(
          ref(ITEM),
          limits.candidates,
          'Candidates in the host\u2019s ranked order, best first.',
        ),
        recovery: arrayOf(
          ref(ITEM),
          limits.recovery,
          'Recovery-oriented items to interleave when the policy calls for it.',
        ),
        size: { type: 'integer', minimum: 0, description: 'Largest number of served slots.' },
        at,
        locale,
        profiling: {
          type: 'boolean',
          description:
            'false ranks without the user\u2019s state, as for someone nothing is known about (EU DSA Art. 38); the state is not read.',
        },
        shadow: {
          type: 'boolean',
          description:
            'true serves the host\u2019s own order (the candidates up to size) unchanged; decision says what the policy would have done. For measuring a policy on live traffic before it serves.',
        },
        decision: {
          type: 'boolean',
          description:
            'true answers the decision record (decision) too, for an audit trail; it is about 4 KB for 100 candidates, so it is left out unless asked for. Defaults to shadow.',
        },
      },
      // userId is required by the route unless profiling is false (data minimisation).
      ['candidates'],
    ),
    rebalanceReply: object(
      {
        items: {
          type: 'array',
          items: { type: 'string' },
          description:
            'The feed to serve, as the ids of the items sent (candidates and recovery), in order. The caller holds the items; the ids say which to show.',
        },
        slots: { type: 'array', items: ref(SLOT) },
        dropped: { type: 'array', items: ref(DROPPED_ITEM) },
        rejectedRecovery: { type: 'array', items: ref(REJECTED_RECOVERY) },
        assessment: ref(ASSESSMENT),
        applied: ref(APPLIED_ACTIONS),
        explanation: {
          type: 'string',
          description: 'What the rebalancing changed and why, in one sentence (explain).',
        },
        // Only when the request's decision (or shadow) is true.
        decision: ref(DECISION),
      },
      ['items', 'slots', 'dropped', 'rejectedRecovery', 'assessment', 'applied', 'explanation'],
      {
        description:
          'The rebalanced feed and its audit; decision only when the request asked for it (decision or shadow true).',
      },
    ),
    impressionsBody: object(
      {
        userId,
        events: arrayOf(
          ref(OBSERVE_EVENT),
          limits.events,
          'Impressions and feedback, in the order they happened.',
        ),
      },
      ['userId', 'events'],
    ),
    stateReply: object(
      {
        impressions: { type: 'integer', minimum: 0, description: 'Impressions observed in total.' },
        assessment: ref(ASSESSMENT),
      },
      ['impressions', 'assessment'],
      { description: 'The user\u2019s impression count and assessment.' },
    ),
    appendReply: object(
      {
        accepted: {
          type: 'integer',
          minimum: 0,
          description: 'Events appended to the user\u2019s pending log, in order.',
        },
      },
      ['accepted'],
      {
        description:
          'The events are stored, as durably as the store keeps data; every later request of the user sees them folded into the state. No state is returned: read it with POST /v1/assess.',
      },
    ),
    assessBody: object({ userId, at }, ['userId']),
    interceptBody: object(
      {
        query: string('The search query.', { max: QUERY_MAX_LENGTH }),
        locale,
      },
      ['query'],
    ),
    interceptReply: object(
      {
        interception: {
          description: 'What to show instead of or above the results; null when nothing.',
          anyOf: [ref(QUERY_INTERCEPTION), { type: 'null' }],
        },
      },
      ['interception'],
      { description: 'The interception for the query, if any.' },
    ),
    resetBody: object({ userId }, ['userId']),
    userParams: object({ id: userId }, ['id']),
    erasureReply: object(
      { erased: { type: 'boolean', description: 'Whether a state was erased.' } },
      ['erased'],
      { description: 'Whether the user\u2019s state existed and was erased.' },
    ),
  };
}
