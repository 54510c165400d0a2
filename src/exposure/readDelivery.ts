import { DELIVERY_LIMITS } from '../delivery/limits.js';
import { canonicalOffset } from '../delivery/offsets.js';
import type { DeliveryState } from '../delivery/types.js';
import { bad, field } from '../validate/stateFields.js';

const { eventIds, hashLength, sources, sourceLength } = DELIVERY_LIMITS;
const IDS = new RegExp(`^(?:[A-Za-z0-9_-]{${hashLength}}){0,${eventIds}}$`);

/**
 * Reads the stored delivery memory of an untrusted state: `ids` whole hashes, at most
 * {@link DELIVERY_LIMITS}.eventIds of them; `marks` at most `sources` `[source, offset]` pairs of
 * unique sources with canonical offsets. An absent one is `undefined` (a state written without
 * event ids or offsets).
 *
 * @param api - the API name error messages start with
 * @param raw - the stored value, or `undefined`
 * @returns a fresh, frozen copy, or `undefined`
 * @throws RebalanceError with code `state` and the path of the bad field
 * @internal
 */
export function readDelivery(api: string, raw: unknown): DeliveryState | undefined {
  if (raw === undefined) return undefined;
  const ids = field(api, raw, 'ids', 'delivery');
  if (typeof ids !== 'string' || ids.length > eventIds * hashLength || !IDS.test(ids))
    bad(
      api,
      'delivery.ids',
      `must be at most ${eventIds} event id hashes of ${hashLength} base64url characters`,
      ids,
    );
  const marksRaw = field(api, raw, 'marks', 'delivery');
  if (!Array.isArray(marksRaw) || marksRaw.length > sources)
    bad(api, 'delivery.marks', `must be an array of at most ${sources} entries`, marksRaw);
  const marks: (readonly [string, string])[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < marksRaw.length; i++) {
    const entry: unknown = marksRaw[i];
    if (!Array.isArray(entry) || entry.length !== 2)
      bad(api, `delivery.marks[${i}]`, 'must be a [source, offset] pair', entry);
    const [source, offset] = entry as [unknown, unknown];
    if (typeof source !== 'string' || source.length === 0 || source.length > sourceLength)
      bad(
        api,
        `delivery.marks[${i}][0]`,
        `must be a source of 1 to ${sourceLength} characters`,
        source,
      );
    if (seen.has(source)) bad(api, `delivery.marks[${i}][0]`, 'must be unique', source);
    seen.add(source);
    if (typeof offset !== 'string' || canonicalOffset(offset) !== offset)
      bad(api, `delivery.marks[${i}][1]`, 'must be an offset in canonical form', offset);
    marks.push(Object.freeze([source, offset] as const));
  }
  return Object.freeze({ ids, marks: Object.freeze(marks) });
}
