import { InputReader } from '../../validate/reader.js';
import { joinPath } from '../../errors/describe.js';
import { completeTopic, DEFAULT_CATALOGUE, type TopicSpec } from './topics.js';

/** Most topics a catalogue may have. @internal */
export const MAX_TOPICS = 256;
/** Most items in one catalogue (memory per thread stays bounded). @internal */
export const MAX_ITEMS = 200_000;
const MAX_ID = 64;
const MAX_TAGS = 32;

/**
 * Checks a `catalogue` option and fills in each topic's defaults: known fields only, unique ids,
 * `near` naming topics of the catalogue, a group on every triggering and recovery topic, at
 * least one ordinary topic, and bounded sizes.
 *
 * @param api - the API name for messages
 * @param input - the option, or `undefined` for `DEFAULT_CATALOGUE`
 * @returns the topics, complete
 * @throws RebalanceError with code `argument` and the path of the offending field
 * @internal
 */
export function resolveCatalogue(api: string, input: unknown): readonly TopicSpec[] {
  const r = new InputReader(api, 'argument', '');
  const spec = r.object(input ?? DEFAULT_CATALOGUE, 'catalogue', ['topics']);
  const list = r.array(spec['topics'], 'catalogue.topics', MAX_TOPICS);
  const seen = new Set<string>();
  const topics: TopicSpec[] = [];
  let total = 0;
  list.forEach((raw, i) => {
    const path = joinPath('catalogue.topics', i);
    const t = r.object(raw, path, [
      'id',
      'kind',
      'group',
      'items',
      'hashtags',
      'evasive',
      'near',
      'popularity',
      'popularFeedShare',
    ]);
    const id = r.string(t['id'], `${path}.id`, MAX_ID);
    if (seen.has(id)) r.fail(`${path}.id`, 'must be unique in the catalogue', id);
    seen.add(id);
    const kind = r.oneOf(t['kind'], `${path}.kind`, ['ordinary', 'triggering', 'recovery']);
    const group =
      kind === 'ordinary' || t['group'] === undefined || t['group'] === null
        ? null
        : r.string(t['group'], `${path}.group`, MAX_ID);
    if (kind !== 'ordinary' && group === null)
      r.fail(`${path}.group`, `must name the taxonomy group of a ${kind} topic`, t['group']);
    const items = r.integer(t['items'], `${path}.items`, 1, 100_000);
    total += items;
    const tags = (key: string, required: boolean): string[] | undefined => {
      if (t[key] === undefined && !required) return undefined;
      const array = r.array(t[key], `${path}.${key}`, MAX_TAGS);
      if (array.length === 0) r.fail(`${path}.${key}`, 'must not be empty', array);
      return array.map((tag, k) => r.string(tag, joinPath(`${path}.${key}`, k), MAX_ID));
    };
    const hashtags = tags('hashtags', true)!;
    const evasive = tags('evasive', false);
    const near =
      t['near'] === undefined
        ? []
        : r
            .array(t['near'], `${path}.near`, MAX_TOPICS)
            .map((n, k) => r.string(n, joinPath(`${path}.near`, k), MAX_ID));
    const popularity =
      t['popularity'] === undefined
        ? undefined
        : r.number(t['popularity'], `${path}.popularity`, 0, 1_000, 'min');
    const popularFeedShare =
      t['popularFeedShare'] === undefined
        ? undefined
        : r.number(t['popularFeedShare'], `${path}.popularFeedShare`, 0, 1);
    topics.push(
      completeTopic({
        id,
        kind,
        group,
        items,
        hashtags,
        near,
        ...(evasive === undefined ? {} : { evasive }),
        ...(popularity === undefined ? {} : { popularity }),
        ...(popularFeedShare === undefined ? {} : { popularFeedShare }),
      }),
    );
  });
  if (total > MAX_ITEMS) r.fail('catalogue.topics', `must hold at most ${MAX_ITEMS} items`, total);
  if (!topics.some((t) => t.kind === 'ordinary'))
    r.fail('catalogue.topics', 'must include at least one ordinary topic', list);
  topics.forEach((t, i) => {
    t.near.forEach((n, k) => {
      if (!seen.has(n))
        r.fail(
          joinPath(joinPath(joinPath('catalogue.topics', i), 'near'), k),
          'must name a topic of the catalogue',
          n,
        );
    });
  });
  return topics;
}
