import { describe, expect, it } from 'vitest';
import {
  buildCatalogue as build,
  EMBEDDING_DIMS,
  itemIndex,
} from '../../src/simulate/world/buildCatalogue.js';
import { resolveLabels } from '../../src/simulate/world/labelModel.js';
import { completeTopic, DEFAULT_CATALOGUE } from '../../src/simulate/world/topics.js';

const TOPICS = DEFAULT_CATALOGUE.topics.map(completeTopic);
const buildCatalogue = (seed: number, labels: 'topics' | 'evasive') =>
  build(seed, TOPICS, resolveLabels('test', labels));

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += a[d]! * b[d]!;
  return dot;
};

describe('buildCatalogue', () => {
  it('buildCatalogue(seed) is the same catalogue for the same seed and another for another seed', () => {
    const a = buildCatalogue(5, 'topics');
    const b = buildCatalogue(5, 'topics');
    expect(b.quality).toEqual(a.quality);
    expect(
      JSON.stringify(
        b.items.map((item) => [item.id, item.topics, item.hashtags, [...item.embedding!]]),
      ),
    ).toBe(
      JSON.stringify(
        a.items.map((item) => [item.id, item.topics, item.hashtags, [...item.embedding!]]),
      ),
    );
    expect(buildCatalogue(6, 'topics').quality).not.toEqual(a.quality);
  });

  it('buildCatalogue labels each item with its own topic, marks triggering items harmful and ids map back to indices', () => {
    const c = buildCatalogue(1, 'topics');
    expect(c.items.length).toBe(TOPICS.reduce((n, t) => n + t.items, 0));
    const wrong: string[] = [];
    c.items.forEach((item, k) => {
      const topic = TOPICS[c.topicOf[k]!]!;
      const norm = cosine(item.embedding!, item.embedding!);
      const ok =
        itemIndex(item.id, c.items.length) === k &&
        JSON.stringify(item.topics) === JSON.stringify([topic.id]) &&
        topic.hashtags.some((h) => `#${h}` === item.hashtags![0]) &&
        c.harmful[k] === (topic.kind === 'triggering' ? 1 : 0) &&
        item.embedding!.length === EMBEDDING_DIMS &&
        Math.abs(norm - 1) < 1e-9;
      if (!ok) wrong.push(item.id);
    });
    expect(wrong).toEqual([]);
  });

  it("buildCatalogue(seed, 'evasive') gives triggering items no topic and only evasive hashtags, and leaves the rest as with 'topics'", () => {
    const plain = buildCatalogue(2, 'topics');
    const evasive = buildCatalogue(2, 'evasive');
    const wrong: string[] = [];
    evasive.items.forEach((item, k) => {
      const topic = TOPICS[evasive.topicOf[k]!]!;
      const ok =
        topic.kind === 'triggering'
          ? item.topics === undefined && topic.evasive.some((h) => `#${h}` === item.hashtags![0])
          : JSON.stringify([item.topics, item.hashtags, [...item.embedding!]]) ===
            JSON.stringify([
              plain.items[k]!.topics,
              plain.items[k]!.hashtags,
              [...plain.items[k]!.embedding!],
            ]);
      if (!ok || item.id !== plain.items[k]!.id) wrong.push(item.id);
    });
    expect(wrong).toEqual([]);
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
