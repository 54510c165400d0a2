import type { TaxonomyInput } from '../../taxonomy/types.js';

/** A topic of the taxonomy, its group and the terms that label it. @internal */
export interface VocabularyTopic {
  readonly group: number;
  readonly topic: string;
  readonly terms: readonly string[];
}

/**
 * The words generated items are made of: the taxonomy's triggering and recovery topics with
 * their terms, and ordinary topics and hashtags of everyday feeds, including words that
 * contain a code word or sit one edit away from a term ("banana", "inspiration", "proud").
 *
 * @internal
 */
export interface Vocabulary {
  readonly groups: readonly string[];
  readonly triggering: readonly VocabularyTopic[];
  readonly recovery: readonly VocabularyTopic[];
  readonly ordinaryTopics: readonly string[];
  readonly ordinaryTags: readonly string[];
}

const ORDINARY_TOPICS = [
  'cooking',
  'football',
  'music',
  'travel',
  'fitness',
  'fashion',
  'pets',
  'gaming',
  'study',
  'comedy',
  'dance',
  'makeup',
  'diy',
  'nutrition',
  'running',
  'skincare',
  'books',
  'art',
] as const;

const ORDINARY_TAGS = [
  '#fyp',
  '#foodie',
  '#ootd',
  '#gymtok',
  '#inspiration',
  '#banana',
  '#proud',
  '#montana',
  '#mealprep',
  '#summerbody',
  '#selfcare',
  '#sunday',
  '#cats',
  '#booktok',
] as const;

/**
 * Reads the vocabulary of a taxonomy. Reads only ids and terms; the taxonomy is not changed.
 *
 * @internal
 */
export function vocabularyOf(taxonomy: TaxonomyInput): Vocabulary {
  const triggering: VocabularyTopic[] = [];
  const recovery: VocabularyTopic[] = [];
  const groups = taxonomy.groups.map((group, g) => {
    for (const t of group.triggering)
      triggering.push({ group: g, topic: t.id, terms: t.terms ?? [] });
    for (const t of group.recovery ?? [])
      recovery.push({ group: g, topic: t.id, terms: t.terms ?? [] });
    return group.id;
  });
  return {
    groups,
    triggering,
    recovery,
    ordinaryTopics: ORDINARY_TOPICS,
    ordinaryTags: ORDINARY_TAGS,
  };
}

/**
 * Evasive spellings of a term as reported in the literature (Chancellor et al. 2016; Stewart et
 * al. 2017): leetspeak digits, doubled or dropped letters, separators, mixed case, invisible
 * characters. Whether the engine recognises each one does not matter to the checks, which
 * classify with the engine itself.
 *
 * @internal
 */
export function evade(term: string, how: number): string {
  const bare = term.replace(/^#/, '');
  switch (how % 7) {
    case 0:
      return `#${bare.replace(/i/g, '1').replace(/o/g, '0')}`;
    case 1:
      return `#${bare}${bare.slice(-1)}${bare.slice(-1)}`;
    case 2:
      return `#${bare.slice(0, Math.ceil(bare.length / 2))}_${bare.slice(Math.ceil(bare.length / 2))}`;
    case 3:
      return `#${bare.toUpperCase()}`;
    case 4:
      return `#${bare.slice(0, 1)}\u200b${bare.slice(1)}`;
    case 5:
      return `#${bare.replace(/e/g, '3').replace(/a/g, '4')}`;
    default:
      return `#${bare.replace(/i/, 'y')}`;
  }
}
