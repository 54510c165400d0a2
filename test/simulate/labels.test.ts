import { describe, expect, it } from 'vitest';
import { createRebalancer, presets } from '../../src/index.js';
import { RebalanceError } from '../../src/errors/RebalanceError.js';
import { buildCatalogue } from '../../src/simulate/world/buildCatalogue.js';
import { resolveLabels } from '../../src/simulate/world/labelModel.js';
import { completeTopic, DEFAULT_CATALOGUE } from '../../src/simulate/world/topics.js';

const TOPICS = DEFAULT_CATALOGUE.topics.map(completeTopic);
const rb = createRebalancer({
  taxonomy: presets.taxonomies.default,
  policy: presets.policies.balanced,
});
const model = {
  recall: { 'eating-disorder': 0.8, 'self-harm': 0.6 },
  falsePositiveRate: 0.05,
  borderline: 0.3,
  multiLabel: 0.1,
  evasive: 0.2,
} as const;
const exact = buildCatalogue(11, TOPICS, resolveLabels('test', 'topics'));
const noisy = buildCatalogue(11, TOPICS, resolveLabels('test', model));

/** Four standard errors of a binomial share: the tolerance of every share checked below. */
const tolerance = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);

describe('buildCatalogue under a LabelModel', () => {
  it('labels the same items: ids, embeddings and ground truth equal those of exact labels', () => {
    expect(noisy.harmful).toEqual(exact.harmful);
    expect(noisy.topicOf).toEqual(exact.topicOf);
    noisy.items.forEach((item, k) => {
      expect(item.id).toBe(exact.items[k]!.id);
      expect(item.embedding).toEqual(exact.items[k]!.embedding);
    });
  });

  it('the library sees a triggering item of a group as triggering at the group recall times the non-evasive, non-borderline share, up to binomial error', () => {
    for (const [group, recall] of [
      ['eating-disorder', 0.8],
      ['self-harm', 0.6],
      ['suicide', 1],
    ] as const) {
      const members = noisy.items.filter((_, k) => {
        const topic = TOPICS[noisy.topicOf[k]!]!;
        return topic.kind === 'triggering' && topic.group === group;
      });
      // Evasive items are matched by the evasive matcher (triggering at 1); of the rest, a
      // borderline item clears 0.5 with chance 0.6 when recalled, a miss never does.
      const expected = 0.2 + 0.8 * recall * (0.7 + 0.3 * 0.6);
      const seen = members.filter((item) => (rb.classify(item).triggering[group] ?? 0) >= 0.5);
      const share = seen.length / members.length;
      expect(Math.abs(share - expected), `${group}: ${share} vs ${expected}`).toBeLessThan(
        tolerance(expected, members.length),
      );
    }
  });

  it('an ordinary item carries a false triggering topic at the false-positive rate per group, and exact labels carry none', () => {
    const ordinary = noisy.items.filter((_, k) => TOPICS[noisy.topicOf[k]!]!.kind === 'ordinary');
    const flagged = ordinary.filter(
      (item) => (rb.classify(item).triggering['suicide'] ?? 0) >= 0.5,
    ).length;
    // Suicide is no ordinary topic's neighbour, so only false positives label ordinary items with it.
    expect(Math.abs(flagged / ordinary.length - 0.05)).toBeLessThan(
      tolerance(0.05, ordinary.length),
    );
    expect(
      exact.items.filter(
        (item, k) =>
          TOPICS[exact.topicOf[k]!]!.kind === 'ordinary' &&
          Object.values(rb.classify(item).triggering).some((c) => c >= 0.5),
      ),
    ).toEqual([]);
  });

  it("resolveLabels('topics') is exact and resolveLabels('evasive') makes every triggering item evasive", () => {
    expect(resolveLabels('t', 'topics').exact).toBe(true);
    expect(resolveLabels('t', {}).exact).toBe(true);
    const evasive = buildCatalogue(11, TOPICS, resolveLabels('t', 'evasive'));
    evasive.items.forEach((item, k) => {
      if (evasive.harmful[k] === 1) expect(item.topics).toBeUndefined();
      else expect(item).toEqual(exact.items[k]);
    });
  });

  it.each([
    [{ recall: 2 }, 'scenario.labels.recall'],
    [{ borderline: -0.1 }, 'scenario.labels.borderline'],
    [{ noise: 1 }, 'scenario.labels.noise'],
    ['perfect', 'scenario.labels'],
  ])('resolveLabels(%o) throws RebalanceError argument at %s', (labels, path) => {
    try {
      resolveLabels('simulate', labels);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RebalanceError);
      expect((error as RebalanceError).path).toBe(path);
    }
  });
});
