/**
 * Entries of the memo; a power of two. A feed's few dozen topic ids then mostly get a slot of
 * their own (at 64, the default taxonomy's `suicide` and an ordinary `science` shared one, and
 * every lookup of either went to the `Map`).
 */
const SLOTS = 256;

/**
 * Topic id → where it sits in the taxonomy, with a small memo in front of the `Map`. Every
 * candidate of every request looks its topics up, and feeds repeat a few dozen topic ids: the
 * memo answers a repeated id (known or not) with one string comparison instead of a hash lookup.
 * A memo slot is picked from the id's length and its first and middle characters; a collision only
 * sends the lookup to the `Map`, so answers never depend on what the memo holds.
 *
 * @internal
 */
export class TopicLookup<T> {
  private readonly map: ReadonlyMap<string, T>;
  // Empty slots hold '', which answers `undefined` as the map does (topic ids are non-empty), so
  // the comparison below only ever compares two strings: with `undefined` among them it compiled
  // to a generic equality.
  private readonly keys: string[] = new Array<string>(SLOTS).fill('');
  private readonly refs: (T | undefined)[] = new Array<T | undefined>(SLOTS).fill(undefined);

  /** @param map - the taxonomy's topics */
  constructor(map: ReadonlyMap<string, T>) {
    this.map = map;
  }

  /** Where `topic` sits, or `undefined` when the taxonomy does not know it. */
  get(topic: string): T | undefined {
    const n = topic.length;
    const slot = (n * 7 + topic.charCodeAt(0) + topic.charCodeAt(n >> 1) * 13) & (SLOTS - 1);
    if (this.keys[slot] === topic) return this.refs[slot];
    const ref = this.map.get(topic);
    this.keys[slot] = topic;
    this.refs[slot] = ref;
    return ref;
  }
}
