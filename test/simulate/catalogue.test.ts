import { describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  EMBEDDING_DIMS,
  itemIndex,
} from '../../src/simulate/world/buildCatalogue.js';
import { TOPICS } from '../../src/simulate/world/topics.js';

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += a[d]! * b[d]!;
  return dot;
};

describe('buildCatalogue', () => {
  it('buildCatalogue(seed) is the same catalogue for the same seed and another for another seed', () => {
    expect(buildCatalogue(5, 'topics')).toEqual(buildCatalogue(5, 'topics'));
    expect(buildCatalogue(5, 'topics').quality).not.toEqual(buildCatalogue(6, 'topics').quality);
  });

  it('buildCatalogue labels each item with its own topic, marks triggering items harmful and ids map back to indices', () => {
    const c = buildCatalogue(1, 'topics');
    expect(c.items.length).toBe(TOPICS.reduce((n, t) => n + t.items, 0));
    c.items.forEach((item, k) => {
      const topic = TOPICS[c.topicOf[k]!]!;
      expect(itemIndex(item.id)).toBe(k);
      expect(item.topics).toEqual([topic.id]);
      expect(topic.hashtags.map((h) => `#${h}`)).toContain(item.hashtags![0]);
      expect(c.harmful[k]).toBe(topic.kind === 'triggering' ? 1 : 0);
      expect(Math.abs(cosine(item.embedding!, item.embedding!) - 1)).toBeLessThan(1e-9);
      expect(item.embedding!.length).toBe(EMBEDDING_DIMS);
    });
  });

  it("buildCatalogue(seed, 'evasive') gives triggering items no topic and only evasive hashtags, and leaves the rest as with 'topics'", () => {
    const plain = buildCatalogue(2, 'topics');
    const evasive = buildCatalogue(2, 'evasive');
    evasive.items.forEach((item, k) => {
      const topic = TOPICS[evasive.topicOf[k]!]!;
      if (topic.kind === 'triggering') {
        expect(item.topics).toBeUndefined();
        expect(topic.evasive.map((h) => `#${h}`)).toContain(item.hashtags![0]);
      } else {
        expect(item).toEqual(plain.items[k]);
      }
    });
    expect(evasive.harmful).toEqual(plain.harmful);
  });

  it('buildCatalogue places related topics closer together than unrelated ones (ed-recovery near fitness, thinspiration near pro-ana)', () => {
    const c = buildCatalogue(3, 'topics');
    const centroid = (id: string): Float64Array => {
      const t = TOPICS.findIndex((topic) => topic.id === id);
      const sum = new Float64Array(EMBEDDING_DIMS);
      for (const k of c.byTopic[t]!) {
        const e = c.items[k]!.embedding!;
        for (let d = 0; d < EMBEDDING_DIMS; d++) sum[d]! += e[d]!;
      }
      return sum;
    };
    const unit = (v: Float64Array) => v.map((x) => x / Math.sqrt(cosine(v, v)));
    const recovery = unit(centroid('ed-recovery'));
    expect(cosine(recovery, unit(centroid('fitness')))).toBeGreaterThan(
      cosine(recovery, unit(centroid('gaming'))),
    );
    const thin = unit(centroid('thinspiration'));
    expect(cosine(thin, unit(centroid('pro-ana')))).toBeGreaterThan(
      cosine(thin, unit(centroid('travel'))),
    );
  });
});
