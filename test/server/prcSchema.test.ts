/**
 * The schema of POST /rank against the challenge's pydantic models (module/src/ranking_challenge/
 * request.py, response.py, survey.py of HumanCompatibleAI/ranking-challenge). The fixtures are
 * written by hand from the models and from the challenge's examples (examples/basic/
 * sample_data.py, module/src/ranking_challenge/fake.py); each expected verdict is what
 * `RankingRequest.model_validate_json` answers (pydantic 2.13), noted when the fixtures were made.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseByPattern, parsePrcTime } from '../../src/server/prc/prcTime.js';
import { post, prcItem, prcSession, testServer } from './support.js';

const { app } = testServer({ logger: false });

/** The challenge's sample request (sample_data.py): a Reddit post with a two-level thread. */
const SAMPLE = {
  session: {
    session_id: '719f30a1-03bb-4d41-a654-138da5c43547',
    user_id: '193a9e01-8849-4e1f-a42a-a859fa7f2ad3',
    user_name_hash: '6511c5688bbb87798128695a283411a26da532df06e6e931a53416e379ddda0e',
    platform: 'reddit',
    cohort: 'AB',
    url: 'https://reddit.com/r/PRCExample/1f4deg/example_to_insert',
    current_time: '2024-01-20 18:41:20',
  },
  items: [
    {
      id: 'de83fc78-d648-444e-b20d-853bf05e4f0e',
      title: 'this is the post title, available only on reddit',
      text: 'this is the worst thing I have ever seen!',
      author_name_hash: '60b46b73',
      type: 'post',
      platform: 'reddit',
      created_at: '2023-12-06 17:02:11',
      embedded_urls: [],
      engagements: { upvote: 34, downvote: 27, comment: 20, award: 0 },
    },
    {
      id: 's5ad13266-8abk4-5219-kre5-2811022l7e43dv',
      post_id: 'de83fc78-d648-444e-b20d-853bf05e4f0e',
      parent_id: '',
      text: 'this is amazing!',
      author_name_hash: '60b46b73',
      type: 'comment',
      platform: 'reddit',
      created_at: '2023-12-08 11:32:12',
      embedded_urls: [],
      engagements: { upvote: 15, downvote: 2, comment: 22, award: 2 },
    },
    {
      id: 'a4c08177-8db2-4507-acc1-1298220be98d',
      post_id: 'de83fc78-d648-444e-b20d-853bf05e4f0e',
      parent_id: 's5ad13266-8abk4-5219-kre5-2811022l7e43dv',
      text: 'this thing is ok.',
      author_name_hash: '60b46b73',
      type: 'comment',
      platform: 'reddit',
      created_at: '2023-12-08 11:35:00',
      embedded_urls: [],
      engagements: { upvote: 3, downvote: 5, comment: 10, award: 0 },
    },
  ],
};

/** As fake.py builds them: Twitter, times as Unix seconds (time.time()), a survey. */
const FAKE_TWITTER = {
  session: prcSession({
    platform: 'twitter',
    url: 'https://twitter.com/jack',
    current_time: 1705776080.25,
    cohort_index: 1234,
  }),
  survey: {
    party_id: 'democrat',
    support: 'strong',
    age: 3,
    education: 4,
    ideology: 5,
    income: 6,
    ethnicity: 'native_american',
    socmed_use: 7,
    browser_perc: 0.8,
    mobile_perc: 0.2,
    feed_lean: 3,
    voting_likelihood: 'will_not_vote',
  },
  items: [
    prcItem('t1', {
      original_rank: 4,
      created_at: 1705776000.5,
      embedded_urls: ['https://www.example.com/'],
      engagements: { like: 1, retweet: 2, comment: 3, share: 4 },
    }),
  ],
};

const FACEBOOK = {
  session: prcSession({
    platform: 'facebook',
    url: 'https://facebook.com/groups',
    prefetch: false,
  }),
  items: [
    prcItem('f1', {
      engagements: {
        like: 1,
        love: 0,
        care: 0,
        haha: 2,
        wow: 0,
        sad: 0,
        angry: 1,
        comment: 5,
        share: 0,
      },
      embedded_urls: null,
      language: 'en',
    }),
  ],
};

/** Mutations of the sample and what pydantic answers for them. */
type Mutation = [string, (r: any) => void, boolean];
const MUTATIONS: Mutation[] = [
  [
    'unknown fields at every level are ignored',
    (r) => {
      r.extra = 1;
      r.session.extra = { a: 1 };
      r.items[0].extra = [1];
      r.items[0].engagements.views = 5;
    },
    true,
  ],
  ['a null survey', (r) => (r.survey = null), true],
  ['parent_id null at the top level', (r) => (r.items[1].parent_id = null), true],
  [
    'optional fields left out',
    (r) => {
      delete r.items[1].post_id;
      delete r.items[1].parent_id;
      delete r.session.cohort;
    },
    true,
  ],
  [
    'an ISO time with an offset',
    (r) => (r.session.current_time = '2024-01-20T18:41:20.123+02:00'),
    true,
  ],
  ['a date alone', (r) => (r.items[0].created_at = '2024-01-20'), true],
  [
    'deprecated reddit counts left out for score',
    (r) => (r.items[0].engagements = { score: -3, comment: 1, award: 0 }),
    true,
  ],
  ['session.user_id missing', (r) => delete r.session.user_id, false],
  ['session.session_id missing', (r) => delete r.session.session_id, false],
  ['session.url missing', (r) => delete r.session.url, false],
  ['session.current_time missing', (r) => delete r.session.current_time, false],
  ['an unknown platform', (r) => (r.session.platform = 'tiktok'), false],
  ['a non-http session url', (r) => (r.session.url = 'ftp://reddit.com'), false],
  ['an item without text', (r) => delete r.items[0].text, false],
  ['an item without author_name_hash', (r) => delete r.items[0].author_name_hash, false],
  [
    'an item without embedded_urls (Optional without default: required)',
    (r) => delete r.items[0].embedded_urls,
    false,
  ],
  ['an item without created_at', (r) => delete r.items[0].created_at, false],
  ['an unknown item type', (r) => (r.items[0].type = 'video'), false],
  ['engagements of no platform', (r) => (r.items[0].engagements = { comment: 1 }), false],
  ['a negative count', (r) => (r.items[0].engagements.comment = -1), false],
  ['a fractional count', (r) => (r.items[0].engagements.award = 1.5), false],
  ['a text that is a number', (r) => (r.items[0].text = 5), false],
  ['30 February', (r) => (r.items[0].created_at = '2024-02-30 00:00:00'), false],
  ['hour 24', (r) => (r.session.current_time = '2024-01-20T24:00:00'), false],
  [
    'a time with an hour-only offset',
    (r) => (r.session.current_time = '2024-01-20T18:41:20-02'),
    false,
  ],
  ['items missing', (r) => delete r.items, false],
  ['a survey without party_id', (r) => (r.survey = { age: 3 }), false],
  ['a survey age out of its scale', (r) => (r.survey = { party_id: 'other', age: 9 }), false],
  [
    'a survey share above 1',
    (r) => (r.survey = { party_id: 'other', browser_perc_reddit: 1.5 }),
    false,
  ],
];

describe('POST /rank accepts what the challenge\u2019s pydantic models accept', () => {
  it.each([
    ['the challenge\u2019s sample request', SAMPLE],
    ['a Twitter request as fake.py builds it', FAKE_TWITTER],
    ['a Facebook request', FACEBOOK],
  ])('accepts %s', async (_name, request) => {
    const { status, json } = await post(app, '/rank', request);
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(['metadata', 'new_items', 'ranked_ids']);
  });

  it.each(MUTATIONS)('%s: accepted = %s', async (_name, mutate, accepted) => {
    const request = structuredClone(SAMPLE);
    mutate(request);
    const { status, json } = await post(app, '/rank', request);
    expect(status).toBe(accepted ? 200 : 400);
    if (!accepted) expect(json.error.code).toBe('request');
  });

  it('names the field a refused request gets wrong', async () => {
    const request = structuredClone(SAMPLE) as any;
    request.items[2].engagements.comment = -1;
    const { json } = await post(app, '/rank', request);
    expect(json.error).toMatchObject({ path: 'items[2].engagements.comment' });
  });

  it('a user id the store refuses is reported at session.user_id', async () => {
    const request = structuredClone(SAMPLE) as any;
    request.session.user_id = 'half a pair \ud800';
    const { status, json } = await post(app, '/rank', request);
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 'request', path: 'session.user_id' });
    expect(json.error.message).toMatch(/^POST \/rank: session\.user_id must be well-formed UTF-16/);
  });

  it('answers the sample with its items in order (nothing triggering), ids once each', async () => {
    const { json } = await post(app, '/rank', SAMPLE);
    expect(json).toEqual({
      ranked_ids: SAMPLE.items.map((item) => item.id),
      new_items: [],
      metadata: { intervention_on: false },
    });
  });
});

describe('parsePrcTime reads times as pydantic does (values noted from pydantic 2.13)', () => {
  it.each([
    ['2024-01-20 18:41:20', Date.UTC(2024, 0, 20, 18, 41, 20)],
    ['2024-01-20T18:41:20Z', Date.UTC(2024, 0, 20, 18, 41, 20)],
    ['2024-01-20t18:41:20z', Date.UTC(2024, 0, 20, 18, 41, 20)],
    ['2024-01-20_18:41:20', Date.UTC(2024, 0, 20, 18, 41, 20)],
    ['2024-01-20T18:41:20.123456Z', Date.UTC(2024, 0, 20, 18, 41, 20, 123)],
    ['2024-01-20T18:41:20+02:00', Date.UTC(2024, 0, 20, 16, 41, 20)],
    ['2024-01-20T18:41:20+0200', Date.UTC(2024, 0, 20, 16, 41, 20)],
    ['2024-01-20 18:41', Date.UTC(2024, 0, 20, 18, 41)],
    ['2024-01-20', Date.UTC(2024, 0, 20)],
    ['2024-02-29 00:00:00', Date.UTC(2024, 1, 29)],
    ['1705776080', Date.UTC(2024, 0, 20, 18, 41, 20)],
    [1705776080, Date.UTC(2024, 0, 20, 18, 41, 20)],
    [1705776080.5, Date.UTC(2024, 0, 20, 18, 41, 20, 500)],
    [1705776080000, Date.UTC(2024, 0, 20, 18, 41, 20)],
    // Above 2e10 a timestamp is in milliseconds: 2.1e10 ms is in 1970.
    [2.1e10, 2.1e10],
    [2e10, 2e13],
    [-1, -1000],
    [253402300799999, Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
  ] as const)('%s', (input, expected) => {
    expect(parsePrcTime(input)).toBe(expected);
  });

  it.each([
    '2024-02-30 00:00:00',
    '2023-02-29 00:00:00',
    '2024-13-01',
    '2024-01-20T24:00:00',
    '2024-01-20 18:41:60',
    ' 2024-01-20 18:41:20',
    '2024-1-20 18:41:20',
    '2024-01-20T18',
    '20240120T184120',
  ])('refuses %s', (input) => {
    expect(parsePrcTime(input)).toBeNull();
  });

  it('refuses a timestamp past year 9999, as pydantic does', () => {
    expect(parsePrcTime(253402300800000)).toBeNull();
    expect(parsePrcTime(1e20)).toBeNull();
  });
});

describe('parsePrcTime reads the documented form digit by digit, as the general patterns read it', () => {
  const two = (n: number): string => String(n).padStart(2, '0');
  it('gives what the patterns give for every YYYY-MM-DD?hh:mm:ss, valid or not (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(' ', 'T', 't', '_'),
        (year, month, day, hour, minute, second, sep) => {
          const text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}${sep}${two(hour)}:${two(minute)}:${two(second)}`;
          expect(parsePrcTime(text)).toBe(parseByPattern(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves 19-character strings of another shape to the patterns (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.string({
          minLength: 19,
          maxLength: 19,
          unit: fc.constantFrom(...Array.from('0123456789-: T_t+Z.x')),
        }),
        (text) => {
          expect(parsePrcTime(text)).toBe(parseByPattern(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
