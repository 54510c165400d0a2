import fc from 'fast-check';
import { evade, type Vocabulary, type VocabularyTopic } from './vocabulary.js';

/**
 * What an item is about, without its id: topics (as a list or with confidences), hashtags and
 * maybe a caption.
 *
 * @internal
 */
export interface Content {
  readonly topics?: readonly string[] | Readonly<Record<string, number>>;
  readonly hashtags?: readonly string[];
  readonly text?: string;
}

/**
 * The kinds of content generated, and how often each appears (relative weights):
 * `ordinary` everyday topics; `triggering` one triggering topic; `overlap` topics of two groups;
 * `recovery` a recovery topic; `evasive` a triggering term spelled evasively, no topics;
 * `coopted` a recovery topic together with a triggering one; `borderline` a triggering topic at
 * a confidence near the usual thresholds.
 *
 * @internal
 */
export type ContentMix = Readonly<
  Partial<
    Record<
      'ordinary' | 'triggering' | 'overlap' | 'recovery' | 'evasive' | 'coopted' | 'borderline',
      number
    >
  >
>;

/** Confidences around the thresholds policies use, so that `≥ minConfidence` is exercised at its edge. */
const CONFIDENCES = [0.2, 0.3, 0.49, 0.5, 0.51, 0.7, 0.9, 1] as const;

interface Parts {
  readonly topics: readonly (readonly [string, number])[];
  readonly hashtags: readonly string[];
  readonly asList: boolean;
  readonly text: string | null;
}

function build(parts: Parts): Content {
  const out: { topics?: string[] | Record<string, number>; hashtags?: string[]; text?: string } =
    {};
  if (parts.topics.length > 0) {
    if (parts.asList && parts.topics.every(([, c]) => c === 1))
      out.topics = parts.topics.map(([t]) => t);
    else {
      const record: Record<string, number> = {};
      for (const [t, c] of parts.topics) record[t] = Math.max(record[t] ?? 0, c);
      out.topics = record;
    }
  }
  if (parts.hashtags.length > 0) out.hashtags = [...parts.hashtags];
  if (parts.text !== null) out.text = parts.text;
  return out;
}

function ordinaryParts(v: Vocabulary): fc.Arbitrary<Parts> {
  return fc.record({
    topics: fc.subarray(
      v.ordinaryTopics.map((t) => [t, 1] as const),
      { maxLength: 3 },
    ),
    hashtags: fc.subarray([...v.ordinaryTags], { maxLength: 2 }),
    asList: fc.boolean(),
    text: fc.option(fc.constantFrom('what I eat in a day', 'morning routine', 'new recipe!'), {
      freq: 4,
    }),
  });
}

function withTopics(
  v: Vocabulary,
  picks: fc.Arbitrary<readonly (readonly [VocabularyTopic, number])[]>,
  tagged: boolean,
): fc.Arbitrary<Parts> {
  return fc
    .tuple(ordinaryParts(v), picks, fc.boolean(), fc.nat())
    .map(([base, chosen, asList, t]) => {
      const topics = [...base.topics, ...chosen.map(([topic, c]) => [topic.topic, c] as const)];
      const first = chosen[0]?.[0];
      const term =
        first !== undefined && first.terms.length > 0 ? first.terms[t % first.terms.length]! : null;
      const hashtags =
        tagged && term !== null ? [...base.hashtags, `#${term.replace(/^#/, '')}`] : base.hashtags;
      return { topics, hashtags, asList, text: base.text };
    });
}

/**
 * Item content mixing everyday topics with the taxonomy's triggering and recovery topics.
 *
 * @internal
 */
export function contentArbitrary(v: Vocabulary, mix: ContentMix): fc.Arbitrary<Content> {
  const trig = v.triggering.length > 0 ? fc.constantFrom(...v.triggering) : null;
  const rec = v.recovery.length > 0 ? fc.constantFrom(...v.recovery) : null;
  const conf = fc.constantFrom(...CONFIDENCES);
  const high = fc.constantFrom(0.7, 0.9, 1, 1);
  const options: { weight: number; arbitrary: fc.Arbitrary<Parts> }[] = [
    { weight: mix.ordinary ?? 0, arbitrary: ordinaryParts(v) },
  ];
  if (trig !== null) {
    options.push(
      {
        weight: mix.triggering ?? 0,
        arbitrary: withTopics(v, fc.tuple(fc.tuple(trig, high)), true),
      },
      {
        weight: mix.overlap ?? 0,
        arbitrary: withTopics(v, fc.tuple(fc.tuple(trig, high), fc.tuple(trig, high)), false),
      },
      {
        weight: mix.borderline ?? 0,
        arbitrary: withTopics(v, fc.tuple(fc.tuple(trig, conf)), false),
      },
      {
        weight: mix.evasive ?? 0,
        arbitrary: fc.tuple(trig, fc.nat(), fc.nat()).map(([topic, t, how]) => ({
          topics: [],
          hashtags:
            topic.terms.length > 0 ? [evade(topic.terms[t % topic.terms.length]!, how)] : [],
          asList: true,
          text: null,
        })),
      },
    );
  }
  if (rec !== null) {
    options.push({
      weight: mix.recovery ?? 0,
      arbitrary: withTopics(v, fc.tuple(fc.tuple(rec, high)), true),
    });
    if (trig !== null)
      options.push({
        weight: mix.coopted ?? 0,
        arbitrary: withTopics(v, fc.tuple(fc.tuple(rec, high), fc.tuple(trig, high)), true),
      });
  }
  const weighted = options.filter((o) => o.weight > 0);
  if (weighted.length === 0) return ordinaryParts(v).map(build);
  return fc.oneof(...weighted).map(build);
}

/** A feed's everyday mix: mostly ordinary, some triggering, a few of everything else. @internal */
export const FEED_MIX: ContentMix = {
  ordinary: 10,
  triggering: 5,
  overlap: 2,
  borderline: 2,
  evasive: 2,
  recovery: 1,
  coopted: 1,
};

/** A recovery pool's mix: mostly recovery items, some co-opted by a triggering topic. @internal */
export const POOL_MIX: ContentMix = { recovery: 8, coopted: 2, ordinary: 1, borderline: 1 };
