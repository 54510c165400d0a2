import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { makeLog } from './makeLog.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/replay-log.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

describe('schemas/replay-log.schema.json', () => {
  it('accepts every record of a generated log, a labelled candidate and a recovery pool', () => {
    const log = makeLog({
      users: 2,
      requests: 3,
      candidates: 5,
      harmful: 0.5,
      seen: 2,
      k: 4,
      seed: 1,
    });
    for (const record of log) expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    const request = {
      type: 'request',
      user: 'u',
      at: 0,
      candidates: [{ id: 'a', harmful: true, topics: { 'pro-ana': 0.9 } }],
      served: ['a'],
      recovery: [{ id: 'r', topics: ['recovery'] }],
    };
    expect(validate(request), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses an unknown field, an empty candidate list, a negative dwell and a record of no known type', () => {
    const bad = [
      { type: 'impression', user: 'u', at: 0, id: 'a', dwellMs: 1, dwell_ms: 1 },
      { type: 'request', user: 'u', at: 0, candidates: [], served: [] },
      { type: 'impression', user: 'u', at: 0, id: 'a', dwellMs: -1 },
      { type: 'click', user: 'u', at: 0 },
    ];
    for (const record of bad) expect(validate(record), JSON.stringify(record)).toBe(false);
  });
});
