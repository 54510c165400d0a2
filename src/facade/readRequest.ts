import { failInput } from '../validate/fail.js';
import { readField } from '../validate/readField.js';
import { isLocaleTag } from '../interventions/localeChain.js';

/**
 * One of the request's boolean flags: `profiling` (`true` when omitted) or `shadow` (`false`
 * when omitted).
 *
 * @internal
 */
export function readFlag(
  request: object,
  name: 'profiling' | 'shadow',
  fallback: boolean,
): boolean {
  const flag = readField(request, name, 'request', 'rebalance');
  if (flag === undefined) return fallback;
  if (typeof flag !== 'boolean') failInput('request', 'rebalance', name, 'must be a boolean', flag);
  return flag;
}

/**
 * The request's `locale`: `'*'` (only the directory's fallback entries) when omitted.
 *
 * @internal
 */
export function readLocale(request: object): string {
  const locale = readField(request, 'locale', 'request', 'rebalance');
  if (locale === undefined) return '*';
  if (typeof locale !== 'string' || !isLocaleTag(locale))
    failInput(
      'request',
      'rebalance',
      'locale',
      "must be a BCP 47 language tag such as 'en-GB', or '*'",
      locale,
    );
  return locale;
}
