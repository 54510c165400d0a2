import type { CliIo } from './io.js';

/** Runs shorter than this never show a bar: a flash of progress is noise. */
const SHOW_AFTER_MS = 1000;
/** Redraw at most this often, so a fast run does not flood the terminal. */
const REDRAW_MS = 100;
const WIDTH = 28;

/**
 * A progress reporter for `onProgress(done, total)`. On a terminal it redraws one line in place
 * (`\r`); when stderr is not a terminal (a log file, with `--progress`) it writes one line per
 * tenth of the run instead, since `\r` would pile up there. Nothing is drawn until the run has
 * taken a second.
 *
 * @internal
 */
export class ProgressBar {
  readonly #io: CliIo;
  readonly #label: string;
  readonly #inPlace: boolean;
  readonly #start: number;
  #lastDraw = -Infinity;
  #lastTenth = -1;
  #drawn = false;

  /**
   * @param io - where to write and the clock to read
   * @param label - what is counted (`users`)
   * @param inPlace - redraw one line in place (a terminal) rather than write a line per tenth
   */
  constructor(io: CliIo, label: string, inPlace: boolean) {
    this.#io = io;
    this.#label = label;
    this.#inPlace = inPlace;
    this.#start = io.now();
  }

  /** Reports that `done` of `total` units are finished. */
  update(done: number, total: number): void {
    const now = this.#io.now();
    const elapsed = now - this.#start;
    if (elapsed < SHOW_AFTER_MS) return;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    if (this.#inPlace) {
      if (now - this.#lastDraw < REDRAW_MS && done < total) return;
      this.#io.stderr(`\r${this.#line(share, done, total, elapsed)}`);
    } else {
      const tenth = Math.floor(share * 10);
      if (tenth === this.#lastTenth) return;
      this.#lastTenth = tenth;
      this.#io.stderr(`${this.#line(share, done, total, elapsed)}\n`);
    }
    this.#lastDraw = now;
    this.#drawn = true;
  }

  /** Ends the bar's line, if one was drawn in place. */
  finish(): void {
    if (this.#drawn && this.#inPlace) this.#io.stderr('\n');
  }

  #line(share: number, done: number, total: number, elapsedMs: number): string {
    const filled = Math.round(share * WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
    const percent = String(Math.floor(share * 100)).padStart(3);
    return `[${bar}] ${percent}%  ${done}/${total} ${this.#label}  ${(elapsedMs / 1000).toFixed(1)} s`;
  }
}
