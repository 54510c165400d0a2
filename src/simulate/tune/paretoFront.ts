/**
 * The non-dominated points among `points`, all to be minimised on every coordinate: a point is
 * dominated when another is no worse on every coordinate and better on one. Equal points do not
 * dominate each other, so all copies of a non-dominated point are kept.
 *
 * Sorting lexicographically first means a point can only be dominated by points before it, and,
 * dominance being transitive, by one already kept: each point is compared with the front so far
 * rather than with every other point (Kung, Luccio & Preparata 1975, in its simplest form).
 *
 * @param points - vectors of one length
 * @returns the indices of the front, ascending
 * @internal
 */
export function paretoFront(points: readonly (readonly number[])[]): number[] {
  const order = points.map((_, i) => i);
  order.sort((a, b) => compareLex(points[a]!, points[b]!) || a - b);
  const front: number[] = [];
  for (const i of order) {
    const p = points[i]!;
    if (!front.some((j) => dominates(points[j]!, p))) front.push(i);
  }
  return front.sort((a, b) => a - b);
}

/**
 * Whether `a` dominates `b` (minimisation): no worse everywhere, better somewhere.
 *
 * @internal
 */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k]! > b[k]!) return false;
    if (a[k]! < b[k]!) better = true;
  }
  return better;
}

function compareLex(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}
