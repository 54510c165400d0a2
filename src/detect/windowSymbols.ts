/**
 * Steps per unit of the quantised evidence a `window` detector keeps per impression: a group
 * confidence c is stored as the nearest multiple of 1/20.
 *
 * @internal
 */
export const WINDOW_STEPS = 20;

const ZERO = 48; // '0'
const ONE = 49; // '1'
const A = 97; // 'a' = 1/20 … 's' = 19/20

/** charCode → twentieths, −1 for a character that is not a window symbol. */
const VALUE = new Int8Array(128).fill(-1);
VALUE[ZERO] = 0;
VALUE[ONE] = WINDOW_STEPS;
for (let q = 1; q < WINDOW_STEPS; q++) VALUE[A + q - 1] = q;

/** Twentieths → symbol. */
const SYMBOL: readonly string[] = Array.from({ length: WINDOW_STEPS + 1 }, (_, q) =>
  q === 0 ? '0' : q === WINDOW_STEPS ? '1' : String.fromCharCode(A + q - 1),
);

/**
 * The window symbol of one impression's evidence: `'0'` for 0, `'1'` for 1, `'a'` … `'s'` for
 * 1/20 … 19/20. Labels (0 or 1) therefore give exactly the `'0'`/`'1'` windows of a labels
 * detector, and a confidence c is rounded to the nearest 1/20 (halves up).
 *
 * @param x - the evidence, in [0, 1]
 * @returns one character
 *
 * @example
 * ```ts
 * import { windowSymbol } from './windowSymbols.js';
 * windowSymbol(1); // '1'
 * windowSymbol(0.62); // 'l' (12/20)
 * ```
 *
 * @internal
 */
export function windowSymbol(x: number): string {
  const q = Math.round(x * WINDOW_STEPS);
  return SYMBOL[q < 0 ? 0 : q > WINDOW_STEPS ? WINDOW_STEPS : q]!;
}

/**
 * The twentieths one window character stands for, or −1 when it is not a window symbol.
 *
 * @param code - the character's code
 * @returns q in [0, 20], or −1
 *
 * @example
 * ```ts
 * import { symbolValue } from './windowSymbols.js';
 * symbolValue('l'.charCodeAt(0)); // 12
 * ```
 *
 * @internal
 */
export function symbolValue(code: number): number {
  return code < 128 ? VALUE[code]! : -1;
}

/**
 * The sum of a window's symbols in twentieths, or −1 when a character is not a symbol.
 *
 * @param window - the window, oldest first
 * @returns the exact integer sum
 *
 * @example
 * ```ts
 * import { windowTwentieths } from './windowSymbols.js';
 * windowTwentieths('1l0'); // 32, i.e. 1.6
 * ```
 *
 * @internal
 */
export function windowTwentieths(window: string): number {
  let sum = 0;
  for (let i = 0; i < window.length; i++) {
    const q = symbolValue(window.charCodeAt(i));
    if (q < 0) return -1;
    sum += q;
  }
  return sum;
}
