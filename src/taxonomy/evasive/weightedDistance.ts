/** Vowels (and y), whose edits cost half: misspellings swap and add them most (anarexyia). */
const VOWEL = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (const c of 'aeiouy') table[c.charCodeAt(0)] = 1;
  return table;
})();

/** Cost in half-units of inserting or deleting `c`: 1 for a vowel, 2 for anything else. */
function indelCost(c: number): number {
  return c < 128 && VOWEL[c] === 1 ? 1 : 2;
}

function substitutionCost(a: number, b: number): number {
  if (a === b) return 0;
  return a < 128 && b < 128 && VOWEL[a] === 1 && VOWEL[b] === 1 ? 1 : 2;
}

/**
 * Weighted optimal-string-alignment distance between `a[aStart, aStart + aLength)` and `b`, in
 * half-units: inserting, deleting or substituting a vowel for a vowel costs 1, any other edit
 * and swapping two adjacent characters cost 2. Vowel edits are the cheap ones because the
 * documented evasive variants mostly change vowels (anorexia → anarexyia, Stewart et al. 2017;
 * suicide → sucide) while a consonant edit often makes another word.
 *
 * Returns `max + 1` as soon as every alignment costs more than `max`, so a miss is cheap.
 * `rows` is scratch space of at least `3 * (b.length + 1)` entries.
 *
 * @internal
 */
export function weightedDistance(
  a: Int32Array,
  aStart: number,
  aLength: number,
  b: Int32Array,
  max: number,
  rows: Int32Array,
): number {
  const bLength = b.length;
  const gap = aLength - bLength;
  if (gap > max || -gap > max) return max + 1;
  const width = bLength + 1;
  const beyond = max + 1;
  // Every insertion or deletion costs at least 1, so an alignment within `max` never strays more
  // than `max` cells from the diagonal: only that band is computed, the rest reads as `beyond`.
  let before = 0; // row i - 2
  let previous = width; // row i - 1
  let current = 2 * width; // row i
  rows.fill(beyond, 0, 3 * width);
  rows[previous] = 0;
  for (let j = 1; j <= max && j < width; j++) {
    rows[previous + j] = rows[previous + j - 1]! + indelCost(b[j - 1]!);
  }
  for (let i = 1; i <= aLength; i++) {
    const ai = a[aStart + i - 1]!;
    const from = i - max > 1 ? i - max : 1;
    const to = i + max < bLength ? i + max : bLength;
    rows[current] = i <= max ? rows[previous]! + indelCost(ai) : beyond;
    if (from > 1) rows[current + from - 1] = beyond;
    let rowMin = rows[current]!;
    for (let j = from; j <= to; j++) {
      const bj = b[j - 1]!;
      let best = rows[previous + j - 1]! + substitutionCost(ai, bj);
      const deletion = rows[previous + j]! + indelCost(ai);
      if (deletion < best) best = deletion;
      const insertion = rows[current + j - 1]! + indelCost(bj);
      if (insertion < best) best = insertion;
      if (i > 1 && j > 1 && ai !== bj && ai === b[j - 2] && a[aStart + i - 2] === bj) {
        const swap = rows[before + j - 2]! + 2;
        if (swap < best) best = swap;
      }
      rows[current + j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (to < bLength) rows[current + to + 1] = beyond;
    if (rowMin > max) return beyond;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  const result = rows[previous + bLength]!;
  return result > max ? beyond : result;
}
