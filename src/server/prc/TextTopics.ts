import { RebalanceError, type TermMatcher } from '../../index.js';
import { describeValue } from '../../errors/describe.js';
import type { PrcOptions } from './prcTypes.js';

/** Longest text, in UTF-16 units, that is remembered. */
const MAX_TEXT_LENGTH = 512;

/**
 * The topics a challenge item's title and text match, scanned by the rebalancer's matcher and
 * remembered for up to `size` texts of up to 512 characters (at most 1 MB of text at the
 * default size). The challenge's extension sends a person's whole timeline with every request,
 * so a feed refreshed or paged brings the same posts again, and popular posts come in many
 * people's feeds. A scan depends on the text alone, so a remembered result is exactly the
 * scan's. The memo holds texts, never who was shown them, and is cleared whenever it fills.
 *
 * @internal
 */
export class TextTopics {
  readonly #matcher: TermMatcher;
  readonly #size: number;
  readonly #memo = new Map<string, readonly string[]>();

  /**
   * @param matcher - the rebalancer's term matcher
   * @param size - most texts remembered; 0 remembers none
   */
  constructor(matcher: TermMatcher, size: number) {
    this.#matcher = matcher;
    this.#size = size;
  }

  /** The topics `text` matches, as the matcher's `scanText` gives them. */
  scanText(text: string): readonly string[] {
    if (this.#size === 0 || text.length > MAX_TEXT_LENGTH) return this.#matcher.scanText(text);
    const known = this.#memo.get(text);
    if (known !== undefined) return known;
    const topics = this.#matcher.scanText(text);
    if (this.#memo.size >= this.#size) this.#memo.clear();
    this.#memo.set(text, topics);
    return topics;
  }
}

/** Most texts the memo may be asked to keep. */
const MAX_MEMO = 100_000;

/**
 * The memo size of `prc.textMemo`: an integer in [0, 100,000], 1,024 when omitted.
 *
 * @param prc - the server's challenge options
 * @param api - the calling API, for the message
 * @returns the size
 * @throws RebalanceError with code `argument` and path `prc.textMemo`
 * @internal
 */
export function readTextMemo(prc: PrcOptions | undefined, api: string): number {
  const size: unknown = prc?.textMemo;
  if (size === undefined) return 1_024;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > MAX_MEMO)
    throw new RebalanceError(
      'argument',
      `${api}: prc.textMemo must be an integer in [0, ${MAX_MEMO}] (got ${describeValue(size)})`,
      'prc.textMemo',
    );
  return size;
}
