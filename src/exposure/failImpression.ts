import { RebalanceError } from '../errors/RebalanceError.js';
import { describeValue } from '../errors/describe.js';

/**
 * Throws the `RebalanceError` for a malformed entry of the events given to `observe`, with its
 * path (`impressions[3].at`). The path is built only here, when an error is thrown.
 *
 * @internal
 */
export function failImpression(
  api: string,
  index: number,
  field: string,
  rule: string,
  got: unknown,
): never {
  const path = `impressions[${index}]${field}`;
  throw new RebalanceError(
    'impression',
    `${api}: ${path} ${rule} (got ${describeValue(got)})`,
    path,
  );
}
