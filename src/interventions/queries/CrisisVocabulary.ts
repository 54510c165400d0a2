import { createEvasiveMatcher } from '../../taxonomy/evasive/createEvasiveMatcher.js';
import { normalizeEvasive } from '../../taxonomy/evasive/normalizeEvasive.js';
import { DEFAULT_FUZZY_GUARD } from '../../taxonomy/evasive/options.js';
import { SHORT_TERM_LENGTH } from '../../taxonomy/match/createExactMatcher.js';
import type { TermMatcher } from '../../taxonomy/match/types.js';
import { createLetterSegmenter } from './createLetterSegmenter.js';
import { createWordSplitter } from './createWordSplitter.js';
import { EvasiveStream } from '../../taxonomy/evasive/EvasiveStream.js';
import { DEFAULT_BENIGN_PHRASES } from './benignPhrases.js';
import { DEFAULT_CODE_WORDS } from './codeWords.js';
import { DEFAULT_CRISIS_TERMS } from './crisisTerms.js';
import type { ResolvedQueryVocabulary } from './queryVocabulary.js';
import {
  EXPANDED_SPELLINGS,
  readQuery,
  type LetterSegmenter,
  type QueryWord,
  letterForm,
} from './readQuery.js';

/**
 * Shortest word, in letters of its normal form, that is read as the vocabulary word one
 * weighted spelling edit away ("mysef" → "myself"). Five, not the matcher's seven: phrases are
 * made of short words, and the phrase around a corrected word keeps the match specific.
 */
const CORRECT_MIN_LENGTH = 5;

/**
 * Ordinary words one weighted edit from a vocabulary word, in the languages of the default
 * vocabulary; they are never corrected ("tired of loving" and "what is the point of leaving"
 * are not about living, "quero morar" — I want to live somewhere — is not "quero morrer").
 * Found by replacing each vocabulary word of a phrase with every dictionary word one edit from
 * it, in the five languages, and keeping the everyday searches that then intercepted: "handing
 * myself in", "no point in liking him", "me prendre en photo", "comment se perdre dans un
 * livre", "ich will nicht mehr lesen", "die Tür lässt sich nicht mehr aufmachen", "como contar
 * os pulsos", "me couler un bain", "how to self insure", "quero morder", "como se enfocar".
 */
const CORRECTION_GUARD: readonly string[] = [
  ...DEFAULT_FUZZY_GUARD,
  'loving',
  'leaving',
  'liking',
  'handing',
  'starting',
  'insure',
  'alike',
  'morar',
  'morder',
  'enfocar',
  'mamar',
  'contar',
  'prendre',
  'perdre',
  'peindre',
  'couler',
  'coutures',
  'pondre',
  'lieben',
  'loben',
  'lesen',
  'legen',
  'aufmachen',
  'streben',
  'sacrifier',
  'sacrifie',
  'ritze',
  // Whole queries one edit from a single-word phrase, found the same way over every word of the
  // five lists: "edital" (a Brazilian public notice) is one edit from "end it all", "sized"
  // from "suizid", "Ritzel" (a bicycle sprocket) from "ritzen", "suceder" (to happen) from
  // "suicider", "mataram" (they killed) from "matarme".
  'edital',
  'sized',
  'seized',
  'fretted',
  'fruited',
  'mallarmé',
  'méprendre',
  'mévendre',
  'riten',
  'ritten',
  'ritzel',
  'ritzeln',
  'rotzen',
  'suceda',
  'sucedas',
  'suceder',
  'succéda',
  'succédas',
  'succéder',
  'mataram',
  'matarem',
  'cortaram',
  'cortarem',
  'lastimaram',
  'lastimarem',
  // One edit from "matarse" and "cortarse" (of "como matarse", "cortarse las venas"): a German
  // sailor ("Matrose"), Spanish futures ("matarás", "cortarás"), French imperfect subjunctives.
  'matrose',
  'matresse',
  'maturasse',
  'matasse',
  'mataras',
  'matares',
  'cortaras',
  'cortares',
  'cortasse',
  'corcarse',
];

/** How a word takes part in the per-word match of the taxonomy. */
export const FREE = 0;
/** A short code word that counts here (a hashtag, or its rule allows it). */
export const COUNTS = 1;
/** Inside a benign phrase, or a short code word that does not count here. */
export const SKIP = 2;

/**
 * What the crisis vocabulary read in one query.
 *
 * @internal
 */
export interface QueryReading {
  readonly words: readonly QueryWord[];
  /** Per word: {@link FREE}, {@link COUNTS} or {@link SKIP}. */
  readonly gates: Uint8Array;
  /** Whether some word is inside a benign phrase. */
  readonly masked: boolean;
  /** Letters of the query's normal form, summed over its words. */
  readonly letters: number;
  /** Topics of the crisis terms found. */
  readonly topics: readonly string[];
}

interface CompiledRule {
  readonly with: ReadonlySet<string> | null;
  readonly unless: ReadonlySet<string>;
}

/**
 * The crisis vocabulary compiled for reading queries: the crisis terms in an evasive matcher,
 * a corrector for the words of every phrase, benign phrases indexed by their first word, and
 * the code-word rules.
 *
 * @internal
 */
export class CrisisVocabulary {
  private readonly crisis: TermMatcher;
  private readonly corrector: TermMatcher;
  private readonly known = new Set<string>();
  private readonly segment: LetterSegmenter;
  private readonly splitWord: LetterSegmenter;
  /** The normal-form buffer every query is read with (a new one per query cost a tenth of it). */
  private readonly stream = new EvasiveStream();
  private readonly benign = new Map<string, string[][]>();
  private readonly rules = new Map<string, CompiledRule>();

  constructor(vocabulary: ResolvedQueryVocabulary) {
    const letters = new Set<string>();
    const learn = (text: string): string[] =>
      readQuery(text, Infinity, (run) => [run]).map((word) => {
        this.known.add(word.norm);
        letters.add(letterForm(word.raw, this.stream));
        return word.norm;
      });
    for (const { term } of vocabulary.crisisTerms) learn(term);
    for (const phrase of vocabulary.benignPhrases) {
      const words = learn(phrase);
      if (words.length === 0) continue;
      const list = this.benign.get(words[0]!);
      if (list === undefined) this.benign.set(words[0]!, [words]);
      else list.push(words);
    }
    const set = (words: readonly string[]): Set<string> => new Set(words.flatMap(learn));
    for (const rule of vocabulary.codeWords) {
      const word = normalizeEvasive(rule.word);
      if (word === '') continue;
      this.rules.set(word, {
        with: rule.with === undefined ? null : set(rule.with),
        unless: set(rule.unless ?? []),
      });
    }
    this.crisis = createEvasiveMatcher(vocabulary.crisisTerms, { guard: CORRECTION_GUARD });
    this.corrector = createEvasiveMatcher(
      [...this.known]
        .filter((word) => word.length >= CORRECT_MIN_LENGTH)
        .map((word) => ({ term: word, topic: word })),
      { fuzzyMinLength: CORRECT_MIN_LENGTH, guard: CORRECTION_GUARD },
    );
    for (const spelling of EXPANDED_SPELLINGS) letters.add(letterForm(spelling, this.stream));
    this.segment = createLetterSegmenter(letters);
    // Code words are names and abbreviations too: "anatomia" is not "ana to mia".
    const splittable = new Set(letters);
    for (const word of this.rules.keys()) splittable.delete(word);
    this.splitWord = createWordSplitter(splittable, MIN_PIECES);
  }

  /**
   * Reads at most `maxWords` words of `text` and finds the crisis terms in them.
   *
   * @param text - the query, already capped in length
   * @param maxWords - most tokens read
   * @returns the words, how each takes part in the taxonomy's per-word match, and the topics
   */
  read(text: string, maxWords: number): QueryReading {
    const words = readQuery(text, maxWords, this.segment, this.splitWord, this.stream);
    const n = words.length;
    const forms: string[] = new Array<string>(n);
    let letters = 0;
    for (let i = 0; i < n; i++) {
      const norm = words[i]!.norm;
      letters += norm.length;
      forms[i] =
        norm.length < CORRECT_MIN_LENGTH || this.known.has(norm) ? norm : this.correct(norm);
    }
    const gates = new Uint8Array(n);
    let masked = false;
    for (let i = 0; i < n; i++) {
      const phrases = this.benign.get(forms[i]!);
      if (phrases === undefined) continue;
      for (const phrase of phrases) {
        if (!startsAt(forms, i, phrase)) continue;
        gates.fill(SKIP, i, i + phrase.length);
        masked = true;
      }
    }
    // Benign words become punctuation, so no phrase runs across them; hashtags stay hashtags.
    let scan = '';
    for (let i = 0; i < n; i++) {
      scan += gates[i] === SKIP ? ' , ' : `${words[i]!.tag ? ' #' : ' '}${forms[i]!}`;
    }
    let topics: string[] | null = null;
    const add = (found: readonly string[]): void => {
      for (const topic of found) if (!(topics ??= []).includes(topic)) topics.push(topic);
    };
    add(this.crisis.scanText(scan));
    for (let i = 0; i < n; i++) {
      if (gates[i] === SKIP) continue;
      const form = forms[i]!;
      const rule = this.rules.get(form);
      if (rule === undefined && form.length > SHORT_TERM_LENGTH) continue;
      gates[i] = this.counts(words, forms, i, rule) ? COUNTS : SKIP;
      if (gates[i] === COUNTS) add(this.crisis.matchTag(form));
    }
    return { words, gates, masked, letters, topics: topics ?? [] };
  }

  /** The vocabulary word one spelling edit from `norm`, or `norm` itself. */
  private correct(norm: string): string {
    const found = this.corrector.matchTag(norm);
    return found.length === 1 ? found[0]! : norm;
  }

  /** Whether the short word `i` counts; see `CodeWordRule`. */
  private counts(
    words: readonly QueryWord[],
    forms: readonly string[],
    i: number,
    rule: CompiledRule | undefined,
  ): boolean {
    if (words[i]!.tag) return true;
    if (rule === undefined || words[i]!.afterNumber) return false;
    let companion = rule.with === null;
    for (let j = 0; j < forms.length; j++) {
      if (j === i) continue;
      if (rule.unless.has(forms[j]!)) return false;
      if (rule.with?.has(forms[j]!) === true) companion = true;
    }
    return companion;
  }
}

function startsAt(forms: readonly string[], i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > forms.length) return false;
  for (let k = 0; k < phrase.length; k++) if (forms[i + k] !== phrase[k]) return false;
  return true;
}

/**
 * Fewest words one token must split into to be read as them. A phrase that starts where the
 * token starts matches it whole ("killmyself"), so a split is needed only when words come before
 * the phrase ("iwanttodie"): three at least. A misspelt word that two known words happen to
 * cover ("selbstmort": "selbst", "mort") then stays whole for spelling correction.
 */
const MIN_PIECES = 3;

/**
 * Whether `vocabulary` is the default lists, untouched: those cannot fail to compile, so an
 * interceptor may put their compilation off until its first query.
 *
 * @internal
 */
export function isDefaultVocabulary(vocabulary: ResolvedQueryVocabulary): boolean {
  return (
    vocabulary.crisisTerms === DEFAULT_CRISIS_TERMS &&
    vocabulary.benignPhrases === DEFAULT_BENIGN_PHRASES &&
    vocabulary.codeWords === DEFAULT_CODE_WORDS
  );
}
