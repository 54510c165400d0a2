import { object, orNull, type JsonSchema, type SharedSchema } from './jsonSchema.js';

/**
 * The challenge's `SurveyResponse`, written from its pydantic model (module/src/ranking_challenge/
 * survey.py of HumanCompatibleAI/ranking-challenge): `party_id` is required, every other answer
 * may be absent or null; scales are integer enums, categorical answers string literals. The
 * ranker does not read the survey, but a request whose survey breaks the model is refused, as a
 * pydantic ranker would refuse it.
 */

const choice = (values: readonly string[]): JsonSchema => orNull({ type: 'string', enum: values });
const scale = (top: number): JsonSchema =>
  orNull({ type: 'integer', enum: Array.from({ length: top }, (_, i) => i + 1) });
const share: JsonSchema = { type: ['number', 'null'], minimum: 0, maximum: 1 };
const text: JsonSchema = { type: ['string', 'null'] };

const TRUST = [
  'strongly_distrust',
  'somewhat_distrust',
  'neither_trust_nor_distrust',
  'somewhat_trust',
  'strongly_trust',
];
const FAVOUR = [
  'strongly_unfavorable',
  'somewhat_unfavorable',
  'neither_favorable_nor_unfavorable',
  'somewhat_favorable',
  'strongly_favorable',
];
const SUPPORT = [
  'strongly_oppose',
  'somewhat_oppose',
  'neither_support_nor_oppose',
  'somewhat_support',
  'strongly_support',
];
const FREQUENCY = ['never', 'some_of_the_time', 'half_the_time', 'most_of_the_time', 'always'];

/** The challenge's `SurveyResponse`. @internal */
export const PRC_SURVEY: SharedSchema = {
  $id: 'SurveyResponse',
  ...object(
    {
      party_id: {
        type: 'string',
        enum: ['democrat', 'republican', 'independent', 'other', 'no_preference'],
      },
      party_write_in: text,
      support: choice(['strong', 'not_strong']),
      party_lean: choice(['democrat', 'republican']),
      sex: choice(['female', 'male', 'nonbinary', 'prefer_not_to_say']),
      age: scale(6),
      education: scale(6),
      ideology: scale(7),
      income: scale(7),
      ethnicity: choice([
        'native_american',
        'asian_or_pacific_islander',
        'black_or_african_american',
        'hispanic_or_latino',
        'white_or_caucasian',
        'multiple_or_other',
      ]),
      ethnicity_write_in: text,
      socmed_use: scale(7),
      feed_lean: scale(5),
      socmed_censorship: choice([
        'not_at_all_likely',
        'not_very_likely',
        'somewhat_likely',
        'very_likely',
      ]),
      socmed_trust: choice(TRUST),
      percieved_racism: choice([
        'not_a_problem',
        'slight_problem',
        'moderate_problem',
        'significant_problem',
        'major_problem',
      ]),
      trump: choice(FAVOUR),
      economic: choice([
        'extremely_negative',
        'somewhat_negative',
        'neither_positive_nor_negative',
        'somewhat_positive',
        'extremely_positive',
      ]),
      msm_trust: choice(TRUST),
      immigration: choice([
        'greatly_decreased',
        'somewhat_decreased',
        'kept_the_same',
        'somewhat_increased',
        'greatly_increased',
      ]),
      israel_palestine: choice(SUPPORT),
      abortion: choice(SUPPORT),
      climate_change: choice([
        'not_concerned',
        'slightly_concerned',
        'moderately_concerned',
        'very_concerned',
        'extremely_concerned',
      ]),
      military: choice(FAVOUR),
      political_complexity: choice(FREQUENCY),
      political_understanding: choice([
        'extremely_well',
        'very_well',
        'moderately_well',
        'slightly_well',
        'not_well_at_all',
      ]),
      political_focus: choice(FREQUENCY),
      voting_likelihood: choice([
        'will_not_vote',
        'probably_will_not_vote',
        'probably_will_vote',
        'definitely_will_vote',
      ]),
      browser_perc_twitter: share,
      browser_perc_facebook: share,
      browser_perc_reddit: share,
    },
    ['party_id'],
    {
      closed: false,
      description: 'Answers to the challenge\u2019s intake survey (not read by this ranker).',
    },
  ),
};
