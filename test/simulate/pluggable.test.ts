import { describe, expect, it } from 'vitest';
import { mmr } from '../../src/index.js';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import {
  compare,
  simulate,
  type NamedReranker,
  type Recommender,
} from '../../src/simulate/index.js';

/** A trivial recommender: the catalogue in a fixed order, learning nothing. */
const inOrder: Recommender = {
  name: 'in-order',
  forUser: ({ catalogue, candidates }) => ({
    candidates: ({ request }) =>
      Array.from(
        { length: candidates },
        (_, k) => (request * candidates + k) % catalogue.items.length,
      ),
    score: (item) => 1 / (1 + (item % 100)),
    learn: () => {},
  }),
};

/** The library's MMR as someone else's re-ranker: diversify the candidates, serve the top. */
const diversified: NamedReranker = {
  name: 'mmr',
  rerank: ({ candidates, size }) => {
    const vectors = candidates.map((item) => item.embedding as Float64Array);
    const order = mmr(vectors[0]!, vectors, { k: size, lambda: 0.3 });
    return {
      slots: order.map((from) => ({ id: candidates[from]!.id, source: 'organic', from })),
    };
  },
};

const SMALL = { scenario: 'mixed', seed: 3, users: 6, steps: 12 } as const;

describe('simulate and compare with swapped-in parts', () => {
  it('simulate(recommender: in-order) serves exactly what the recommender ranked, in catalogue order, and names it in the report', async () => {
    const served: number[][] = [];
    const spy: Recommender = {
      name: 'in-order',
      forUser: (context) => {
        const model = inOrder.forUser(context);
        return {
          ...model,
          candidates: (r) => {
            const c = Array.from(model.candidates(r));
            if (context.user === 0) served.push(c.slice(0, 10));
            return c;
          },
        };
      },
    };
    const report = await simulate({ ...SMALL, policy: 'off', recommender: spy });
    expect(report.recommender).toBe('in-order');
    // Request r of user 0 got items 30r … 30r + 9, the top of the fixed order.
    served.forEach((page, r) => {
      expect(page).toEqual(Array.from({ length: 10 }, (_, k) => 30 * r + k));
    });
    expect(served.length).toBeGreaterThan(0);
  });

  it('compare(policies: [protective, an MMR re-ranker]) runs both in the same world, and the re-ranker changes the feed against off', async () => {
    const c = await compare({ ...SMALL, policies: ['protective', diversified], resamples: 50 });
    expect(c.policies).toEqual(['off', 'protective', 'mmr']);
    const [off, , mmrRun] = c.reports;
    // Same users, same seeds: the cohorts are the same size; the feed differs.
    expect(mmrRun!.cohorts['at-risk']!.users).toBe(off!.cohorts['at-risk']!.users);
    expect(mmrRun!.cohorts['at-risk']!.ndcgRetention).toBeLessThan(1);
    expect(off!.cohorts['at-risk']!.ndcgRetention).toBe(1);
  });

  it('a recommender with endRound is stepped in rounds: every active user makes one request between two calls', async () => {
    const requestsPerRound: number[] = [];
    let current = 0;
    const counting: Recommender = {
      name: 'counting',
      forUser: (context) => {
        const model = inOrder.forUser(context);
        return {
          ...model,
          candidates: (r) => {
            current++;
            return model.candidates(r);
          },
        };
      },
      endRound: () => {
        requestsPerRound.push(current);
        current = 0;
      },
    };
    const report = await simulate({ ...SMALL, policy: 'off', recommender: counting });
    expect(requestsPerRound[0]).toBe(SMALL.users);
    for (const n of requestsPerRound) expect(n).toBeLessThanOrEqual(SMALL.users);
    const requests = requestsPerRound.reduce((a, b) => a + b, 0);
    const cohorts = [report.cohorts['at-risk']!, report.cohorts.control!];
    const expected = cohorts.reduce((a, m) => a + m.impressions / report.pageSize, 0);
    expect(requests).toBe(expected);
  });

  it('simulate with a recommender or re-ranker object and workers: 2 rejects with RebalanceError argument at workers', async () => {
    for (const options of [
      { ...SMALL, policy: 'off', recommender: inOrder, workers: 2 },
      { ...SMALL, policy: diversified, workers: 2 },
    ]) {
      const error = await simulate(options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RebalanceError);
      expect((error as RebalanceError).path).toBe('workers');
    }
  });

  it('simulate rejects a re-ranker that serves an item twice or one that is not a candidate, naming the slot', async () => {
    const twice: NamedReranker = {
      name: 'twice',
      rerank: ({ candidates }) => ({
        slots: [0, 0].map(() => ({ id: candidates[0]!.id, source: 'organic', from: 0 })),
      }),
    };
    const invented: NamedReranker = {
      name: 'invented',
      rerank: () => ({ slots: [{ id: 'not-an-item', source: 'recovery', from: null }] }),
    };
    await expect(simulate({ ...SMALL, policy: twice })).rejects.toThrow(
      /slot 1 serves an item twice/,
    );
    await expect(simulate({ ...SMALL, policy: invented })).rejects.toThrow(
      /slot 0 must be a candidate/,
    );
  });

  it.each([
    [{ recommender: 'popular' }, 'recommender'],
    [{ pageSize: 0 }, 'pageSize'],
    [{ candidates: 5 }, 'candidates'],
    [{ days: -1 }, 'days'],
    [{ response: { damage: -1 } }, 'response.damage'],
    [{ response: { nope: 1 } }, 'response.nope'],
    [{ catalogue: { topics: [] } }, 'catalogue.topics'],
    [
      { catalogue: { topics: [{ id: 'a', kind: 'triggering', items: 5, hashtags: ['a'] }] } },
      'catalogue.topics[0].group',
    ],
  ])('simulate(%o) rejects with RebalanceError argument at path %s', async (extra, path) => {
    const error = await simulate({ ...SMALL, policy: 'off', ...(extra as object) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RebalanceError);
    expect((error as RebalanceError).code).toBe('argument');
    expect((error as RebalanceError).path).toBe(path);
  });
});
