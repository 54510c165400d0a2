import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/index.js';
import {
  FactorModel,
  FACTORS,
  contributionLength,
} from '../../src/simulate/recommender/collaborative/FactorModel.js';

describe("simulate(recommender: 'collaborative')", () => {
  it('gives the same report bit for bit on 1, 2 and 3 worker threads (rounds refit in user order)', async () => {
    const options = {
      scenario: 'mixed',
      policy: 'balanced',
      seed: 6,
      // 11 users split 5/6 and 3/4/4: uneven shards.
      users: 11,
      steps: 15,
      recommender: 'collaborative',
    } as const;
    const one = JSON.stringify(await simulate({ ...options, workers: 1 }));
    expect(JSON.stringify(await simulate({ ...options, workers: 2 }))).toBe(one);
    expect(JSON.stringify(await simulate({ ...options, workers: 3 }))).toBe(one);
    expect(JSON.parse(one)).toMatchObject({ recommender: 'collaborative' });
  });

  it('learns from the population: the same users get another feed than under the per-user recommender', async () => {
    const options = { scenario: 'mixed', policy: 'off', seed: 6, users: 10, steps: 30 } as const;
    const perUser = await simulate(options);
    const collaborative = await simulate({ ...options, recommender: 'collaborative' });
    expect(collaborative.cohorts['at-risk']!.harmfulShare).not.toBe(
      perUser.cohorts['at-risk']!.harmfulShare,
    );
  });
});

describe('FactorModel', () => {
  it('refit on profiles of rank 2 reconstructs them: every user profile y equals y V (VᵀV + λI)⁻¹ Vᵀ to within the ridge', () => {
    const topics = 12;
    const users = 40;
    // Two kinds of users: a matrix of rank 2 (closed form: its own projection).
    const profiles = Array.from({ length: users }, (_, u) =>
      Array.from({ length: topics }, (_, t) =>
        u % 2 === 0 ? (t < 6 ? 1.2 : 0.1) : t % 3 === 0 ? 0.9 : 0.2 + 0.01 * t,
      ),
    );
    const model = new FactorModel(1, topics, users, 0.3);
    const packed = new Float64Array(users * contributionLength(topics));
    profiles.forEach((y, u) => {
      packed[u * (topics + 1)] = u;
      packed.set(y, u * (topics + 1) + 1);
    });
    let snapshot = model.refit([packed]);
    for (let round = 0; round < 30; round++) snapshot = model.refit([new Float64Array(0)]);
    const v = new Matrix(topics, FACTORS);
    for (let t = 0; t < topics; t++)
      for (let d = 0; d < FACTORS; d++) v.set(t, d, snapshot.topicFactors[t * FACTORS + d]!);
    const solve = new Matrix(FACTORS, FACTORS);
    for (let i = 0; i < FACTORS; i++)
      for (let j = 0; j < FACTORS; j++) solve.set(i, j, snapshot.userSolve[i * FACTORS + j]!);
    const projection = v.mmul(solve).mmul(v.transpose());
    let worst = 0;
    for (const y of profiles) {
      const reconstructed = new Matrix([y]).mmul(projection).to1DArray();
      for (let t = 0; t < topics; t++) worst = Math.max(worst, Math.abs(reconstructed[t]! - y[t]!));
    }
    expect(worst).toBeLessThan(0.05);
  });
});
