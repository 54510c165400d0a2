import { LEVELS } from '../../detect/levels.js';
import decisionRecord from '../../../schemas/decision.schema.json' with { type: 'json' };
import { object, orNull, ref, string, type JsonSchema, type SharedSchema } from './jsonSchema.js';

const count = { type: 'integer', minimum: 0 } as const;
const level = { type: 'string', enum: LEVELS } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

/** What the detector says about one group. @internal */
export const GROUP_ASSESSMENT: SharedSchema = {
  $id: 'GroupAssessment',
  ...object(
    {
      level: { ...level, description: 'Level after hysteresis.' },
      exposure: {
        type: 'number',
        description: 'Decayed, dwell-weighted share of triggering impressions in [0, 1].',
      },
      run: { ...count, description: 'Current run of consecutive triggering impressions.' },
      statistic: { type: 'number', description: 'The detector\u2019s statistic.' },
      threshold: { type: 'number', description: 'The statistic\u2019s alarm threshold.' },
    },
    ['level', 'exposure', 'run', 'statistic', 'threshold'],
  ),
};

/** An intervention suggested beside the feed. @internal */
export const INTERVENTION: SharedSchema = {
  $id: 'Intervention',
  ...object(
    {
      kind: { type: 'string', enum: ['nudge', 'resources', 'break'] },
      group: orNull(string('The group it concerns; null for a break.')),
      reason: { type: 'string' },
    },
    ['kind', 'group', 'reason'],
  ),
};

/** The result of `assess`. @internal */
export const ASSESSMENT: SharedSchema = {
  $id: 'Assessment',
  ...object(
    {
      at: orNull({ type: 'number', description: 'The time assessed at (ms).' }),
      impressions: { ...count, description: 'Total impressions observed.' },
      newSession: {
        type: 'boolean',
        description: 'Whether the next impression starts a new session.',
      },
      groups: {
        type: 'object',
        description: 'Per group id.',
        additionalProperties: ref(GROUP_ASSESSMENT),
      },
      interventions: { type: 'array', items: ref(INTERVENTION) },
    },
    ['at', 'impressions', 'newSession', 'groups', 'interventions'],
    { description: 'What the detector says, per group, and the interventions it suggests.' },
  ),
};

/** A validated support resource. @internal */
export const RESOURCE: SharedSchema = {
  $id: 'Resource',
  ...object(
    {
      id: { type: 'string' },
      name: { type: 'string' },
      groups: strings,
      locale: { type: 'string' },
      contact: { type: 'string' },
      url: { type: 'string' },
      hours: { type: 'string' },
      lastVerified: { type: 'string', description: 'YYYY-MM-DD' },
      localeKey: { type: 'string' },
      verifiedAt: { type: 'number' },
    },
    ['id', 'name', 'groups', 'locale', 'lastVerified', 'localeKey', 'verifiedAt'],
    { description: 'A support resource from the server\u2019s directory.' },
  ),
};

/** One served slot. @internal */
export const SLOT: SharedSchema = {
  $id: 'Slot',
  ...object(
    {
      id: { type: 'string' },
      source: { type: 'string', enum: ['organic', 'recovery'] },
      from: orNull({ type: 'integer', description: 'Index in candidates; null for recovery.' }),
      reasons: {
        ...strings,
        description: 'cap:<group>, recovery:<group>, diversify; empty when untouched.',
      },
      banner: object(
        { group: { type: 'string' }, resources: { type: 'array', items: ref(RESOURCE) } },
        ['group', 'resources'],
      ),
    },
    ['id', 'source', 'from', 'reasons'],
  ),
};

const leftOut = (description: string, reasons: string): JsonSchema =>
  object(
    {
      id: { type: 'string' },
      from: { ...count, description },
      reason: { type: 'string', description: reasons },
    },
    ['id', 'from', 'reason'],
  );

/** A candidate that was not served. @internal */
export const DROPPED_ITEM: SharedSchema = {
  $id: 'DroppedItem',
  ...leftOut('Index in candidates.', 'size, duplicate, invalid, cap:<group> or seeLess:<target>.'),
};

/** A recovery pool entry that was refused. @internal */
export const REJECTED_RECOVERY: SharedSchema = {
  $id: 'RejectedRecovery',
  ...leftOut('Index in recovery.', 'triggering:<group>, cooldown, duplicate or invalid.'),
};

/** What the policy applied to one request. @internal */
export const APPLIED_ACTIONS: SharedSchema = {
  $id: 'AppliedActions',
  ...object(
    {
      caps: {
        type: 'object',
        description: 'Caps in force, per group id.',
        additionalProperties: object({ count, window: count }, ['count', 'window']),
      },
      recoveryEvery: orNull({ type: 'integer', description: 'The recovery cadence in force.' }),
      recoveryGroups: strings,
      diversify: { type: ['string', 'null'], enum: ['mmr', 'dpp', null] },
    },
    ['caps', 'recoveryEvery', 'recoveryGroups', 'diversify'],
  ),
};

/** What to show for a sensitive search. @internal */
export const QUERY_INTERCEPTION: SharedSchema = {
  $id: 'QueryInterception',
  ...object(
    {
      group: { type: 'string' },
      kind: { type: 'string', enum: ['resources', 'banner'] },
      topics: strings,
      resources: { type: 'array', items: ref(RESOURCE) },
    },
    ['group', 'kind', 'topics', 'resources'],
  ),
};

/** The shared schemas of this file, in registration order. @internal */
/**
 * The decision record, from the JSON Schema the package publishes (schemas/decision.schema.json),
 * so that the route's serialiser, the OpenAPI document and the published file cannot disagree.
 *
 * @internal
 */
export const DECISION: SharedSchema = (() => {
  // The file's own dialect, URN and title give way to the id Fastify and the OpenAPI builder use.
  const body: Record<string, unknown> = { ...decisionRecord };
  delete body.$schema;
  delete body.$id;
  delete body.title;
  return { ...body, $id: 'Decision' };
})();

export const RESULT_SCHEMAS: readonly SharedSchema[] = [
  GROUP_ASSESSMENT,
  INTERVENTION,
  ASSESSMENT,
  RESOURCE,
  SLOT,
  DROPPED_ITEM,
  REJECTED_RECOVERY,
  APPLIED_ACTIONS,
  QUERY_INTERCEPTION,
  DECISION,
];
