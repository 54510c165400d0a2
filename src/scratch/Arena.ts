/**
 * Typed arrays for the work of one request, carved out of one buffer that is reused from request
 * to request.
 *
 * Why: a typed array above 64 bytes keeps its memory outside V8's heap, and allocating one costs
 * a few microseconds — a rebalance of 500 candidates needs a dozen of them, which cost more than
 * the filling itself. Carving views out of a kept buffer costs a small object each.
 *
 * Ownership: each rebalancer has its own {@link ArenaPool}, which keeps one buffer between
 * requests; {@link ArenaPool.take} hands it to one arena at a time, so a getter that re-enters the
 * engine in the middle of a request gets a fresh buffer rather than a shared one, and
 * {@link Arena.release} gives it back once nothing carved from it is read any more. Views must
 * never reach a caller. At most {@link MAX_KEPT_BYTES} stay allocated between requests.
 *
 * @internal
 */
export class Arena {
  private buffer: ArrayBuffer;
  private offset = 0;

  /**
   * @param buffer - the buffer to carve from
   * @param pool - where the buffer goes back on release
   */
  constructor(
    buffer: ArrayBuffer,
    private readonly pool: ArenaPool,
  ) {
    this.buffer = buffer;
  }

  /** Gives the buffer back for the next request; views carved from it must no longer be read. */
  release(): void {
    const buffer = this.buffer;
    this.buffer = EMPTY;
    this.offset = 0;
    this.pool.keep(buffer);
  }

  /** `length` 32-bit integers, zero unless `zero` is false (then their content is arbitrary). */
  int32(length: number, zero = true): Int32Array {
    const offset = this.carve(length * 4);
    const view = new Int32Array(this.buffer, offset, length);
    if (zero) view.fill(0);
    return view;
  }

  /** `length` bytes, zeroed. */
  uint8(length: number): Uint8Array {
    const offset = this.carve(length);
    const view = new Uint8Array(this.buffer, offset, length);
    view.fill(0);
    return view;
  }

  /** `length` doubles, zero unless `zero` is false. */
  float64(length: number, zero = true): Float64Array {
    const offset = this.carve(length * 8);
    const view = new Float64Array(this.buffer, offset, length);
    if (zero) view.fill(0);
    return view;
  }

  /**
   * Reserves `bytes` (8-byte aligned) and returns their offset, moving to a larger buffer if
   * needed: read `this.buffer` only after calling it.
   */
  private carve(bytes: number): number {
    const start = this.offset;
    const end = start + ((bytes + 7) & ~7);
    if (end <= this.buffer.byteLength) {
      this.offset = end;
      return start;
    }
    // Views already carved keep the old buffer alive; new ones come from a buffer at least twice
    // as large, so a request allocates O(log size) buffers.
    this.buffer = new ArrayBuffer(
      Math.max(2 * this.buffer.byteLength, (bytes + 7) & ~7, INITIAL_BYTES),
    );
    this.offset = (bytes + 7) & ~7;
    return 0;
  }
}

const EMPTY = new ArrayBuffer(0);
/** 64 KiB: a request of 500 candidates fits, with room for 64-d embeddings of a few dozen. */
const INITIAL_BYTES = 65_536;
/** The largest buffer kept between requests: 8 MiB. */
const MAX_KEPT_BYTES = 8 * 1_048_576;

/**
 * The buffer one rebalancer keeps between requests, handed to one {@link Arena} at a time.
 *
 * @internal
 */
export class ArenaPool {
  private kept: ArrayBuffer | null = null;

  /** An arena with the kept buffer, or a new one when it is in use. */
  take(): Arena {
    const buffer = this.kept ?? new ArrayBuffer(INITIAL_BYTES);
    this.kept = null;
    return new Arena(buffer, this);
  }

  /** Keeps `buffer` for the next request, when it is not too large and larger than the kept one. */
  keep(buffer: ArrayBuffer): void {
    if (
      buffer.byteLength <= MAX_KEPT_BYTES &&
      (this.kept === null || this.kept.byteLength < buffer.byteLength)
    )
      this.kept = buffer;
  }
}
