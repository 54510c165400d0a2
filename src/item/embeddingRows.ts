import { failAt, type ItemSite } from './itemSite.js';
import type { Arena } from '../scratch/Arena.js';

/**
 * Where {@link readItem} puts an item's validated embedding: each element is read once, checked
 * to be a finite number and handed over here, which returns the row the embedding is stored at.
 *
 * @internal
 */
export interface EmbeddingSink {
  /** Checks and stores `raw` (an array or typed array of `length` elements); returns its row. */
  add(raw: ArrayLike<unknown>, length: number, site: ItemSite): number;
}

/**
 * Copies `raw[0 … length)` into `out` from `base` (or only checks it when `out` is null),
 * checking that every element is a finite number. Four elements a step: this runs for every
 * embedding of every request, and the step roughly halves its cost. Each element is read once; a
 * bad one is named from what was read.
 */
function copyChecked(
  raw: ArrayLike<unknown>,
  length: number,
  out: Float64Array | null,
  base: number,
  site: ItemSite,
): void {
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const x0 = raw[i];
    const x1 = raw[i + 1];
    const x2 = raw[i + 2];
    const x3 = raw[i + 3];
    if (
      typeof x0 !== 'number' ||
      typeof x1 !== 'number' ||
      typeof x2 !== 'number' ||
      typeof x3 !== 'number' ||
      // x − x is 0 for a finite number and NaN for NaN and ±Infinity.
      x0 - x0 + (x1 - x1) + (x2 - x2) + (x3 - x3) !== 0
    ) {
      const read = [x0, x1, x2, x3];
      for (let k = 0; k < 4; k++) checkElement(read[k], i + k, site);
    }
    if (out === null) continue;
    out[base + i] = x0 as number;
    out[base + i + 1] = x1 as number;
    out[base + i + 2] = x2 as number;
    out[base + i + 3] = x3 as number;
  }
  for (; i < length; i++) {
    const x = raw[i];
    checkElement(x, i, site);
    if (out !== null) out[base + i] = x as number;
  }
}

function checkElement(x: unknown, index: number, site: ItemSite): void {
  if (typeof x !== 'number' || !Number.isFinite(x))
    failAt(site, `embedding[${index}]`, 'must be a finite number', x);
}

/**
 * Validates embeddings and keeps nothing: for the APIs that read items but never use their
 * embeddings (`observe`, `classify`). Returns row 0.
 *
 * @internal
 */
export const CHECK_EMBEDDING: EmbeddingSink = Object.freeze({
  add(raw: ArrayLike<unknown>, length: number, site: ItemSite): number {
    copyChecked(raw, length, null, 0, site);
    return 0;
  },
});

/**
 * The embeddings of one list of items in a single row-major `Float64Array` carved from the
 * request's {@link Arena} — not a typed array per item: typed arrays above 64 bytes live outside
 * V8's heap, and allocating hundreds of them per request cost more than everything else the
 * engine does. The buffer grows by doubling, so memory stays proportional to the embeddings
 * actually given. The first embedding fixes the dimension unless the constructor did.
 *
 * @internal
 */
export class EmbeddingRows implements EmbeddingSink {
  /** Elements per row; 0 until the first embedding (or the constructor) fixes it. */
  dimension: number;
  /** Rows stored so far. */
  count = 0;
  /** Row-major storage; only the first `count × dimension` elements are meaningful. */
  data: Float64Array = EMPTY;
  private readonly arena: Arena;
  private readonly maxRows: number;

  /**
   * @param arena - where the storage comes from
   * @param maxRows - the most rows that can arrive (the list's length)
   * @param dimension - a dimension fixed by an earlier list, or 0
   */
  constructor(arena: Arena, maxRows: number, dimension = 0) {
    this.arena = arena;
    this.maxRows = maxRows;
    this.dimension = dimension;
  }

  add(raw: ArrayLike<unknown>, length: number, site: ItemSite): number {
    if (this.dimension !== 0 && length !== this.dimension)
      failAt(
        site,
        'embedding',
        `must have ${this.dimension} dimensions like the other embeddings`,
        raw,
      );
    const row = this.count;
    if ((row + 1) * length > this.data.length) this.grow(row + 1, length);
    copyChecked(raw, length, this.data, row * length, site);
    // Only an embedding that passed fixes the list's dimension: an invalid one skipped with
    // `onInvalidItem: 'skip'` leaves it open.
    this.dimension = length;
    this.count = row + 1;
    return row;
  }

  /** Row `r` as a view on the buffer (for the cold paths that want a vector). */
  row(r: number): Float64Array {
    return this.data.subarray(r * this.dimension, (r + 1) * this.dimension);
  }

  private grow(rows: number, dim: number): void {
    // The first allocation takes room for up to INITIAL_ELEMENTS at once (one allocation serves a
    // usual request); beyond that the buffer doubles, so a hostile list with one long embedding
    // among a million items costs memory in proportion to what it sent.
    const current = Math.floor(this.data.length / dim);
    const wanted = current === 0 ? Math.floor(INITIAL_ELEMENTS / dim) : 2 * current;
    const next = this.arena.float64(Math.min(this.maxRows, Math.max(rows, wanted)) * dim, false);
    next.set(this.data.subarray(0, this.count * dim));
    this.data = next;
  }
}

const EMPTY = new Float64Array(0);
/** Elements of the first allocation: 512 KiB, 64-dimensional embeddings of 1,024 items. */
const INITIAL_ELEMENTS = 65_536;
