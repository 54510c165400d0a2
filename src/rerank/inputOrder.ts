/**
 * `items` sorted by input position (`from`), in place. Lists of left-out items are built in
 * input order in the usual case, so this checks in one pass before it sorts.
 *
 * @internal
 */
export function inInputOrder<T extends { readonly from: number }>(items: T[]): T[] {
  for (let k = 1; k < items.length; k++)
    if (items[k - 1]!.from > items[k]!.from) return items.sort((a, b) => a.from - b.from);
  return items;
}
