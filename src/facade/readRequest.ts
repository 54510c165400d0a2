import { failInput } from '../validate/fail.js';
import { readField } from '../validate/readField.js';
import { isLocaleTag } from '../interventions/localeChain.js';

/**
 * The request's `profiling` flag: `true` when omitted.
 *
 * @internal
 */
export function readProfiling(request: object): boolean {
  const profiling = readField(request, 'profiling', 'request', 'rebalance');
  if (profiling === undefined) return true;
  if (typeof profiling !== 'boolean')
    failInput('request', 'rebalance', 'profiling', 'must be a boolean', profiling);
  return profiling;
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
