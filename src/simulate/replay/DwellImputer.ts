/** Logged dwells each kind keeps: the newest ones, an odd count so the median is one of them. */
const KEPT = 63;

/**
 * The dwell of a served item the user was not logged seeing: the median of the user's newest
 * logged dwells on items of the same kind (triggering or not; an inserted recovery item counts as
 * not triggering), up to and including the current request; the other kind's median when the user
 * has none of this kind yet; the policy's reference dwell when the user has none at all. Bounded:
 * {@link KEPT} dwells per kind.
 *
 * @internal
 */
export class DwellImputer {
  private readonly rings = [new Float64Array(KEPT), new Float64Array(KEPT)];
  private readonly counts = [0, 0];
  private readonly medians: (number | null)[] = [null, null];
  private stale = false;

  constructor(private readonly fallbackMs: number) {}

  /** Adds a logged dwell on an item of the kind (`1` triggering). */
  add(kind: 0 | 1, dwellMs: number): void {
    this.rings[kind]![this.counts[kind]! % KEPT] = dwellMs;
    this.counts[kind]!++;
    this.stale = true;
  }

  /** The imputed dwell for an item of the kind. */
  impute(kind: 0 | 1): number {
    if (this.stale) {
      this.medians[0] = this.median(0);
      this.medians[1] = this.median(1);
      this.stale = false;
    }
    return this.medians[kind] ?? this.medians[1 - kind] ?? this.fallbackMs;
  }

  private median(kind: 0 | 1): number | null {
    const n = Math.min(this.counts[kind]!, KEPT);
    if (n === 0) return null;
    const values = this.rings[kind]!.slice(0, n).sort();
    const mid = n >> 1;
    return n % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  }
}
