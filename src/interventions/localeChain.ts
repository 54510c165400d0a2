/**
 * Well-formed BCP 47 language tags (RFC 5646 §2.1): language (2–3 letters, with up to three
 * extlang subtags), script (4 letters), region (2 letters or 3 digits), variants, extensions and
 * private use. Language subtags of 4–8 letters, which RFC 5646 reserves or leaves to future
 * registration, are refused, so that a word like "english" is not taken for a tag; so are the
 * grandfathered irregular tags.
 */
const LANGUAGE_TAG =
  /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$|^x(?:-[a-z\d]{1,8})+$/i;

/**
 * Whether `tag` is a well-formed BCP 47 language tag (case-insensitive) or `*`.
 *
 * @param tag - the candidate locale
 * @returns true for `en`, `en-GB`, `zh-Hant-TW`, `es-419`, `*`
 *
 * @example
 * ```ts
 * import { isLocaleTag } from 'feed-rebalancer';
 * isLocaleTag('en-GB'); // true
 * isLocaleTag('english'); // false
 * ```
 */
export function isLocaleTag(tag: string): boolean {
  return tag === '*' || (tag.length <= 64 && LANGUAGE_TAG.test(tag));
}

/**
 * The locales to try for `locale`, most specific first, ending with `*`: subtags are dropped
 * from the right, as BCP 47 lookup does (RFC 4647 §3.4). All in lower case.
 *
 * @param locale - a BCP 47 tag; anything else falls back to `*` alone
 * @returns e.g. `['en-gb', 'en', '*']` for `en-GB`
 *
 * @example
 * ```ts
 * import { localeChain } from 'feed-rebalancer';
 * localeChain('en-GB'); // ['en-gb', 'en', '*']
 * localeChain('zh-Hant-TW'); // ['zh-hant-tw', 'zh-hant', 'zh', '*']
 * ```
 */
export function localeChain(locale: string): readonly string[] {
  if (typeof locale !== 'string' || locale === '*' || !isLocaleTag(locale)) return ['*'];
  const chain: string[] = [];
  let tag = locale.toLowerCase();
  for (;;) {
    chain.push(tag);
    const cut = tag.lastIndexOf('-');
    if (cut < 0) break;
    tag = tag.slice(0, cut);
    // RFC 4647 lookup also drops a single-letter subtag left at the end (an extension singleton).
    if (tag.length >= 2 && tag[tag.length - 2] === '-') tag = tag.slice(0, -2);
  }
  chain.push('*');
  return chain;
}
