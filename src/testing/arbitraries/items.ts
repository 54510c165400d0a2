import fc from 'fast-check';
import type { Item } from '../../item/types.js';
import { contentArbitrary, type Content, type ContentMix } from './content.js';
import type { Vocabulary } from './vocabulary.js';

/** An embedding as a plain array, a Float32Array or a Float64Array. @internal */
export type Embedding = NonNullable<Item['embedding']>;

/**
 * Embeddings of a fixed dimension with small integer coordinates (exact in float32, and equal
 * relevance scores happen, which exercises tie-breaking), in each of the accepted forms.
 *
 * @internal
 */
export function embeddingArbitrary(dimension: number): fc.Arbitrary<Embedding> {
  return fc
    .tuple(
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: dimension, maxLength: dimension }),
      fc.constantFrom('array', 'array', 'f32', 'f64'),
    )
    .map(([xs, form]): Embedding =>
      form === 'f32' ? Float32Array.from(xs) : form === 'f64' ? Float64Array.from(xs) : xs,
    );
}

/** Item content with an optional embedding, before an id is given. @internal */
export interface Draft {
  readonly content: Content;
  readonly embedding: Embedding | null;
}

/** @internal */
export function draftArbitrary(
  v: Vocabulary,
  mix: ContentMix,
  dimension: number,
): fc.Arbitrary<Draft> {
  return fc.record({
    content: contentArbitrary(v, mix),
    embedding:
      dimension > 0 ? fc.option(embeddingArbitrary(dimension), { freq: 6 }) : fc.constant(null),
  });
}

/** Makes an item from a draft and an id. @internal */
export function toItem(draft: Draft, id: string, withEmbedding = true): Item {
  const item: { -readonly [K in keyof Item]: Item[K] } = { id, ...draft.content };
  if (withEmbedding && draft.embedding !== null) item.embedding = draft.embedding;
  return item;
}

/**
 * A list of items with ids `<prefix>0`, `<prefix>1`, …, where a few entries may repeat the id of
 * an earlier one (hosts do send duplicates).
 *
 * @internal
 */
export function itemListArbitrary(
  v: Vocabulary,
  mix: ContentMix,
  dimension: number,
  prefix: string,
  maxLength: number,
): fc.Arbitrary<Item[]> {
  return fc
    .tuple(
      fc.array(draftArbitrary(v, mix, dimension), { maxLength, size: 'medium' }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
    )
    .map(([drafts, repeats]) => {
      const ids = drafts.map((_, i) => `${prefix}${i}`);
      for (const [a, b] of repeats) {
        if (ids.length < 2) break;
        const target = 1 + (a % (ids.length - 1));
        ids[target] = ids[b % target]!;
      }
      return drafts.map((d, i) => toItem(d, ids[i]!));
    });
}
