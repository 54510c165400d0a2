import { LIMITS } from '../../item/limits.js';
import { USER_ID_MAX_LENGTH } from '../../store/userId.js';
import type { ResolvedServerLimits } from '../limits.js';
import { PRC_TIME_PATTERN } from '../prc/prcTime.js';
import { object, orNull, ref, type JsonSchema, type SharedSchema } from './jsonSchema.js';
import { PRC_SURVEY } from './prcSurveySchema.js';

/**
 * The Prosocial Ranking Challenge's ranker API, written from its pydantic models
 * (module/src/ranking_challenge/request.py and response.py of HumanCompatibleAI/ranking-challenge).
 * As pydantic does, unknown fields are accepted and ignored at every level, a field declared
 * `Optional[…]` with a default may be absent or null, and one declared `Optional[…]` without a
 * default (`embedded_urls`) must be present but may be null. Two bounds are added so that items
 * and users fit the library and its stores: ids are non-empty and at most 1,024 characters. JSON
 * types are enforced as they are written: pydantic's lax coercions (a count written as a string,
 * `"yes"` for a boolean) are refused.
 */

const count: JsonSchema = { type: 'integer', minimum: 0 };
const optionalCount: JsonSchema = orNull(count);
const optionalText: JsonSchema = { type: ['string', 'null'] };

/** An `HttpUrl`: an http or https URL of at most 2,083 characters (pydantic's bound). */
const httpUrl: JsonSchema = {
  type: 'string',
  maxLength: 2_083,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?:',
  description: 'An http or https URL.',
};

/** A `datetime`: the documented `YYYY-MM-DD hh:mm:ss` (UTC), ISO 8601, or a Unix timestamp. */
const time: JsonSchema = {
  description:
    'UTC time as YYYY-MM-DD hh:mm:ss; ISO 8601 (T, fraction, Z or offset) and Unix timestamps (seconds, or milliseconds above 2e10) are accepted as pydantic accepts them.',
  anyOf: [{ type: 'string', pattern: PRC_TIME_PATTERN }, { type: 'number' }],
};

const id = (description: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: LIMITS.idLength,
  description,
});

const engagements = (
  $id: string,
  fields: Readonly<Record<string, JsonSchema>>,
  required: readonly string[],
): SharedSchema => ({
  $id,
  ...object(fields, required, {
    closed: false,
    description: `Engagement counts from ${$id.slice(0, -11)}.`,
  }),
});

/** Engagement counts from Twitter. @internal */
export const TWITTER_ENGAGEMENTS = engagements(
  'TwitterEngagements',
  { retweet: count, like: count, comment: count, share: count },
  ['retweet', 'like', 'comment', 'share'],
);
/** Engagement counts from Reddit (`upvote` and `downvote` are deprecated there). @internal */
export const REDDIT_ENGAGEMENTS = engagements(
  'RedditEngagements',
  {
    upvote: optionalCount,
    downvote: optionalCount,
    score: { type: ['integer', 'null'] },
    comment: count,
    award: count,
  },
  ['comment', 'award'],
);
/** Engagement counts from Facebook. @internal */
export const FACEBOOK_ENGAGEMENTS = engagements(
  'FacebookEngagements',
  {
    like: count,
    love: count,
    care: count,
    haha: count,
    wow: count,
    sad: count,
    angry: count,
    comment: count,
    share: count,
  },
  ['like', 'love', 'care', 'haha', 'wow', 'sad', 'angry', 'comment', 'share'],
);

/** A content item to be ranked. @internal */
export const PRC_CONTENT_ITEM: SharedSchema = {
  $id: 'ContentItem',
  ...object(
    {
      id: id('Unique id of the content.'),
      original_rank: optionalCount,
      post_id: optionalText,
      parent_id: {
        type: ['string', 'null'],
        description: 'The comment this one replies to; blank or null for a top-level comment.',
      },
      title: optionalText,
      text: { type: 'string' },
      author_name_hash: { type: 'string' },
      type: { type: 'string', enum: ['post', 'comment'] },
      embedded_urls: { type: ['array', 'null'], items: httpUrl },
      created_at: time,
      engagements: {
        title:
          'the engagement counts of Twitter (retweet, like, comment, share), Reddit (comment, award) or Facebook (like, love, care, haha, wow, sad, angry, comment, share)',
        anyOf: [ref(TWITTER_ENGAGEMENTS), ref(REDDIT_ENGAGEMENTS), ref(FACEBOOK_ENGAGEMENTS)],
      },
      language: optionalText,
    },
    ['id', 'text', 'author_name_hash', 'type', 'embedded_urls', 'created_at', 'engagements'],
    { closed: false, description: 'A content item to be ranked.' },
  ),
};

/** The user's browsing session. @internal */
export const PRC_SESSION: SharedSchema = {
  $id: 'Session',
  ...object(
    {
      session_id: { type: 'string' },
      user_id: {
        type: 'string',
        minLength: 1,
        maxLength: USER_ID_MAX_LENGTH,
        description: 'The participant; their exposure is kept under this id.',
      },
      user_name_hash: { type: 'string' },
      cohort: optionalText,
      cohort_index: optionalCount,
      platform: { type: 'string', enum: ['twitter', 'reddit', 'facebook'] },
      url: httpUrl,
      current_time: time,
      prefetch: {
        type: ['boolean', 'null'],
        description: 'A prefetch is ranked but changes no state.',
      },
    },
    ['session_id', 'user_id', 'user_name_hash', 'platform', 'url', 'current_time'],
    { closed: false, description: 'Data scoped to the user\u2019s browsing session.' },
  ),
};

/** A new item inserted into the feed. @internal */
export const PRC_NEW_ITEM: SharedSchema = {
  $id: 'NewItem',
  ...object({ id: { type: 'string' }, url: httpUrl }, ['id', 'url'], {
    description: 'A publicly accessible item inserted into the feed (a recovery item).',
  }),
};

/** The shared schemas of this file, in registration order. @internal */
export const PRC_SCHEMAS: readonly SharedSchema[] = [
  TWITTER_ENGAGEMENTS,
  REDDIT_ENGAGEMENTS,
  FACEBOOK_ENGAGEMENTS,
  PRC_CONTENT_ITEM,
  PRC_SESSION,
  PRC_SURVEY,
  PRC_NEW_ITEM,
];

/** The request and response of `POST /rank`, for the given limits. @internal */
export function prcSchemas(limits: ResolvedServerLimits): {
  readonly rankBody: JsonSchema;
  readonly rankReply: JsonSchema;
} {
  return {
    rankBody: object(
      {
        session: ref(PRC_SESSION),
        survey: { anyOf: [ref(PRC_SURVEY), { type: 'null' }] },
        items: {
          type: 'array',
          items: ref(PRC_CONTENT_ITEM),
          maxItems: limits.rankItems,
          description: 'The content items to be ranked, in the platform\u2019s order.',
        },
      },
      ['session', 'items'],
      { closed: false, description: 'The challenge\u2019s RankingRequest.' },
    ),
    rankReply: object(
      {
        ranked_ids: {
          type: 'array',
          items: { type: 'string' },
          description: 'Ids in the order to show them, new items included; each id once.',
        },
        new_items: { type: 'array', items: ref(PRC_NEW_ITEM) },
        metadata: object(
          {
            intervention_on: {
              type: 'boolean',
              description:
                'Whether the policy applied a cap or a recovery cadence to this request.',
            },
          },
          ['intervention_on'],
        ),
      },
      ['ranked_ids', 'new_items', 'metadata'],
      { description: 'The challenge\u2019s RankingResponse.' },
    ),
  };
}
