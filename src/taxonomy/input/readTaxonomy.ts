import { joinPath } from '../../errors/describe.js';
import { normalizeTerm } from '../match/normalizeTerm.js';
import type { TaxonomyReader } from './TaxonomyReader.js';
import { LIMITS } from '../../validate/limits.js';

/** A validated topic, with where it was read from. @internal */
export interface PlainTopic {
  readonly id: string;
  readonly terms: readonly string[];
  readonly tags: readonly string[];
  /** Path of the topic, relative to the input. */
  readonly path: string;
}

/** A validated group; a role is `null` when an extension leaves it out. @internal */
export interface PlainGroup {
  readonly id: string;
  readonly label: string | null;
  readonly triggering: readonly PlainTopic[] | null;
  readonly recovery: readonly PlainTopic[] | null;
  readonly path: string;
}

/** Running totals while reading, to stop at a limit before reading further. */
interface Counts {
  topics: number;
  terms: number;
}

/**
 * Reads and checks an untrusted taxonomy (or, with `extension`, a taxonomy extension, whose groups
 * may leave out `triggering`): the shape, the limits, and that group ids are unique and each topic
 * id appears once over all groups and roles.
 *
 * @param value - the untrusted input
 * @param reader - reads fields and reports problems under the caller's API name and root
 * @param extension - whether groups may leave out `triggering` (for `extendTaxonomy`)
 * @returns the groups, validated and copied
 * @throws RebalanceError with code `taxonomy` and the path of the first problem
 * @internal
 */
export function readTaxonomy(
  value: unknown,
  reader: TaxonomyReader,
  extension: boolean,
): PlainGroup[] {
  const top = reader.fields(value, '', ['groups'], 'an object with a groups array');
  const rawGroups = reader.list(top.groups, 'groups', LIMITS.groups, 'groups');
  const counts: Counts = { topics: 0, terms: 0 };
  const groupAt = new Map<string, string>();
  const topicAt = new Map<string, string>();
  const groups: PlainGroup[] = [];
  for (let g = 0; g < rawGroups.length; g++) {
    const path = `groups[${g}]`;
    const raw = reader.fields(
      rawGroups[g],
      path,
      ['id', 'label', 'triggering', 'recovery'],
      'a group object',
    );
    const id = reader.text(raw.id, `${path}.id`, LIMITS.nameLength);
    const seen = groupAt.get(id);
    if (seen !== undefined)
      reader.fail(
        `${path}.id`,
        `must be unique among group ids, but ${reader.at(seen)} has it too`,
        id,
      );
    groupAt.set(id, `${path}.id`);
    const label =
      raw.label === undefined ? null : reader.text(raw.label, `${path}.label`, LIMITS.nameLength);
    if (raw.triggering === undefined && !extension)
      reader.fail(`${path}.triggering`, 'must be an array of topics', undefined);
    const triggering =
      raw.triggering === undefined
        ? null
        : readTopics(raw.triggering, `${path}.triggering`, reader, counts, topicAt);
    if (triggering !== null && triggering.length === 0 && !extension)
      reader.fail(`${path}.triggering`, 'must have at least one topic', raw.triggering);
    const recovery =
      raw.recovery === undefined
        ? null
        : readTopics(raw.recovery, `${path}.recovery`, reader, counts, topicAt);
    groups.push({ id, label, triggering, recovery, path });
  }
  return groups;
}

function readTopics(
  value: unknown,
  path: string,
  reader: TaxonomyReader,
  counts: Counts,
  topicAt: Map<string, string>,
): PlainTopic[] {
  const raw = reader.list(value, path, LIMITS.topics, 'topics');
  if (raw.length + counts.topics > LIMITS.topics)
    reader.fail(path, `would bring the topics of all groups above ${LIMITS.topics}`, value);
  counts.topics += raw.length;
  const topics: PlainTopic[] = new Array<PlainTopic>(raw.length);
  for (let t = 0; t < raw.length; t++) {
    const at = `${path}[${t}]`;
    const fields = reader.fields(raw[t], at, ['id', 'terms', 'tags'], 'a topic object');
    const id = reader.text(fields.id, `${at}.id`, LIMITS.nameLength);
    const seen = topicAt.get(id);
    if (seen !== undefined)
      reader.fail(
        `${at}.id`,
        `must be unique over all groups and roles, but ${reader.at(seen)} has it too`,
        id,
      );
    topicAt.set(id, `${at}.id`);
    const terms = readTerms(fields.terms, `${at}.terms`, reader, counts);
    const tags = readTerms(fields.tags, `${at}.tags`, reader, counts);
    topics[t] = { id, terms, tags, path: at };
  }
  return topics;
}

function readTerms(value: unknown, path: string, reader: TaxonomyReader, counts: Counts): string[] {
  if (value === undefined) return [];
  const raw = reader.list(value, path, LIMITS.terms, 'strings');
  if (raw.length + counts.terms > LIMITS.terms)
    reader.fail(path, `would bring the terms of all topics above ${LIMITS.terms}`, value);
  counts.terms += raw.length;
  const terms: string[] = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const term = raw[i];
    const at = joinPath(path, i);
    if (typeof term !== 'string' || term.length > LIMITS.taxonomyTermLength)
      reader.fail(at, `must be a string of at most ${LIMITS.taxonomyTermLength} characters`, term);
    if (normalizeTerm(term) === '')
      reader.fail(at, 'must hold a character other than # and separators (spaces, _, -, .)', term);
    terms[i] = term;
  }
  return terms;
}
