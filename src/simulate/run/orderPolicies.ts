import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue, joinPath } from '../../errors/describe.js';

/**
 * The policies of a comparison with `off` first (added when missing), the others in their given
 * order: every difference is taken against `off`, so the name is kept for the preset.
 *
 * @param api - the calling API, for messages
 * @param policies - the given list (unchecked), or `undefined` for `defaults`
 * @param defaults - the policies when none are given
 * @returns the list, `off` first
 * @throws RebalanceError with code `argument` for an empty or non-array list, or a policy object
 *   named `off`
 * @internal
 */
export function orderPolicies<P extends { readonly name: string }>(
  api: string,
  policies: unknown,
  defaults: readonly string[],
): (string | P)[] {
  if (policies === undefined) return [...defaults];
  if (!Array.isArray(policies) || policies.length === 0)
    throw new RebalanceError(
      'argument',
      `${api}: policies must be a non-empty array (got ${describeValue(policies)})`,
      'policies',
    );
  const list = policies as (string | P)[];
  const isOff = (p: string | P): boolean => (typeof p === 'string' ? p : p?.name) === 'off';
  const off = list.find(isOff);
  if (off !== undefined && typeof off !== 'string')
    throw new RebalanceError(
      'argument',
      `${api}: the name 'off' is kept for the baseline preset every difference refers to (got a policy object named 'off')`,
      joinPath('policies', list.indexOf(off)),
    );
  return ['off', ...list.filter((p) => !isOff(p))];
}
