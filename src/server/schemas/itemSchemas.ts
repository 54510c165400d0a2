import { LIMITS } from '../../item/limits.js';
import { arrayOf, object, orNull, ref, string, type SharedSchema } from './jsonSchema.js';

/** Longest `eventId` accepted on an event (an idempotency key such as a UUID or a hash). */
export const EVENT_ID_MAX_LENGTH = 256;

const time = {
  type: 'number',
  description: 'Milliseconds since the epoch (any monotone clock works).',
} as const;

/**
 * An item (a candidate or a recovery pool entry), as the library's `Item` type. Unknown fields
 * are refused: a misspelt `hashtag` would otherwise leave every item unclassified.
 *
 * @internal
 */
export const ITEM: SharedSchema = {
  $id: 'Item',
  ...object(
    {
      id: string('Unique within one request.', { min: 1, max: LIMITS.idLength }),
      topics: {
        title: 'a list of topic ids, or an object of topic confidences in [0, 1]',
        description:
          'Topic ids: a list (confidence 1 each) or an object of confidences in [0, 1]. An item counts for a group when one of its topics reaches the policy\u2019s minConfidence.',
        anyOf: [
          arrayOf(
            string('A topic id.', { min: 1, max: LIMITS.termLength }),
            LIMITS.topicsPerItem,
            'Topic ids.',
          ),
          {
            type: 'object',
            description: 'Topic id to confidence.',
            additionalProperties: { type: 'number', minimum: 0, maximum: 1 },
            maxProperties: LIMITS.topicsPerItem,
          },
        ],
      },
      hashtags: arrayOf(
        string('A hashtag or term, matched after normalisation.', { max: LIMITS.termLength }),
        LIMITS.hashtagsPerItem,
        'Hashtags or terms.',
      ),
      text: string('Free text (caption, title), scanned for the taxonomy\u2019s terms.', {
        max: LIMITS.textLength,
      }),
      embedding: {
        ...arrayOf(
          { type: 'number' },
          LIMITS.embeddingLength,
          'Content embedding: recovery relevance and diversification.',
        ),
        minItems: 1,
      },
      score: { type: 'number', description: 'The host\u2019s relevance score; informational.' },
    },
    ['id'],
    { description: 'A piece of content as the host\u2019s ranking knows it.' },
  ),
};

const eventId = string(
  'Optional id of the event, such as a UUID, stored with it in the pending log. The stores do not yet use it to apply an event once: an append retried after an error may store its events twice.',
  { min: 1, max: EVENT_ID_MAX_LENGTH },
);

/** An impression: an item the user was shown. @internal */
export const IMPRESSION: SharedSchema = {
  $id: 'Impression',
  ...object(
    {
      item: ref(ITEM),
      at: time,
      dwellMs: {
        type: 'number',
        minimum: 0,
        description: 'How long it was watched (ms); omitted means one reference dwell.',
      },
      eventId,
    },
    ['item', 'at'],
    { description: 'One item the user was shown.' },
  ),
};

/** "See less" feedback on a topic or group. @internal */
export const SEE_LESS_FEEDBACK: SharedSchema = {
  $id: 'SeeLessFeedback',
  ...object(
    {
      seeLess: object({ target: string('A triggering topic id or a group id.', { min: 1 }) }, [
        'target',
      ]),
      at: time,
      eventId,
    },
    ['seeLess', 'at'],
    { description: 'The person asked to see less of a topic or group.' },
  ),
};

/** What the host did with a suggested intervention. @internal */
export const INTERVENTION_FEEDBACK: SharedSchema = {
  $id: 'InterventionFeedback',
  ...object(
    {
      intervention: object(
        {
          type: { type: 'string', enum: ['shown', 'dismissed', 'accepted'] },
          kind: { type: 'string', enum: ['nudge', 'resources', 'break'] },
          group: orNull(string('The intervention\u2019s group; null or omitted for a break.')),
        },
        ['type', 'kind'],
      ),
      at: time,
      eventId,
    },
    ['intervention', 'at'],
    { description: 'What the host did with a suggested intervention.' },
  ),
};

/** One event given to `observe`: an impression or feedback. @internal */
export const OBSERVE_EVENT: SharedSchema = {
  $id: 'ObserveEvent',
  title:
    'an impression { item, at, dwellMs? }, or feedback { seeLess, at } or { intervention, at }',
  description:
    'An impression, or feedback. Feedback is not an impression: it changes neither the exposure nor the detectors nor the impression count.',
  anyOf: [ref(IMPRESSION), ref(SEE_LESS_FEEDBACK), ref(INTERVENTION_FEEDBACK)],
};

/** The shared schemas of this file, in registration order. @internal */
export const ITEM_SCHEMAS: readonly SharedSchema[] = [
  ITEM,
  IMPRESSION,
  SEE_LESS_FEEDBACK,
  INTERVENTION_FEEDBACK,
  OBSERVE_EVENT,
];
