import { failInput } from '../../validate/fail.js';

/**
 * The suffixes that make a compound hashtag of a term (`thinspo` + `goals`), for
 * {@link createEvasiveMatcher}'s `compounds` option. Each list holds suffixes as they are
 * written; they are compared in the evasive normal form, like terms.
 *
 * @example
 * ```ts
 * import { DEFAULT_COMPOUND_AFFIXES, type CompoundAffixes } from 'feed-rebalancer';
 * const more: CompoundAffixes = {
 *   ...DEFAULT_COMPOUND_AFFIXES,
 *   triggering: [...DEFAULT_COMPOUND_AFFIXES.triggering, 'aesthetic'],
 * };
 * ```
 */
export interface CompoundAffixes {
  /** Suffixes after which a term still names its own topic: `#thinspogoals` is thinspiration. */
  readonly triggering: readonly string[];
  /**
   * Suffixes that turn a triggering term into its group's recovery topic: `#selfharmfree` is
   * self-harm recovery, not self-harm. A recovery term keeps its own topic.
   */
  readonly recovery: readonly string[];
  /**
   * The suffixes of the two lists above that tag-only terms may take too. Tag-only terms are
   * short code words that are also names ("ana", "mia") and terms flagged `tagOnly`; they take
   * no other suffix, because "Mia" + "girl" is more often a person than bulimia.
   */
  readonly tagOnly: readonly string[];
}

/**
 * The default compound suffixes. Sources, each for the practice the suffix names:
 *
 * - `tips`, `tricks`, `diet`, `motivation`, `inspo`, `pics`, `photos`, `quotes`: pro-eating-
 *   disorder communities exchange weight-loss "tips", restrictive diet plans and motivating
 *   images and quotes (Sukunesan, Huynh & Sharp, JMIR Mental Health 2021, on #proana;
 *   Branley & Covey, Frontiers in Psychology 2017); "thinspo" is itself thin + inspo.
 * - `coach`, `buddy`, `buddies`: "ana coaches" who groom young people under the guise of
 *   weight-loss coaching (Sukunesan 2021, about 300 requests a day on Twitter alone; the Dutch
 *   study by the CKM and GGZ Rivierduinen, 2019) and "ana buddies" who fast together.
 * - `4life`, `forlife`, `lifestyle`: pro-ana sites present anorexia as a lifestyle choice.
 * - `twt`, `tok`: community markers on Twitter and TikTok (#edtwt; #shtwt, "self-harm
 *   Twitter", up about 500% in a year in the Network Contagion Research Institute's 2022
 *   report; #SkinnyTok).
 * - `goals`, `girl`, `girls`: appearance ideals in the style of #bodygoals, after a term.
 * - Recovery: `recovery`, `recovered`, `recovering` (#anorexiarecovery is among the most used
 *   recovery tags on Instagram, Washington Post 2022), `warrior(s)`, `soldier(s)`, `survivor(s)`
 *   (#edwarriors, #edsoldiers, #edsurvivor, as recovery communities name themselves) and `free`
 *   (self-harm-free milestones). `support` is left out on purpose: pro-ana groups call
 *   themselves support.
 *
 * Tag-only terms take only the suffixes that name the harmful practice itself (`#anatips`,
 * `#anacoach`, `#ana4life`, `#shtwt`) or recovery (`#anarecovery`), never the ones that
 * follow a person's name as naturally (`#miagirl`, `#anapics`, `#miainspo`). A code word ending
 * in "a" followed by `4life` reads like one followed by "life" (`ana4life` and `analife` have
 * one normal form), so `#analife` counts too.
 *
 * @example
 * ```ts
 * import { DEFAULT_COMPOUND_AFFIXES } from 'feed-rebalancer';
 * DEFAULT_COMPOUND_AFFIXES.tagOnly.includes('tips'); // true: #anatips
 * DEFAULT_COMPOUND_AFFIXES.tagOnly.includes('girl'); // false: #miagirl is a name
 * ```
 */
export const DEFAULT_COMPOUND_AFFIXES: CompoundAffixes = /* @__PURE__ */ Object.freeze({
  triggering: Object.freeze([
    'tips',
    'tricks',
    'diet',
    'motivation',
    'inspo',
    'pics',
    'photos',
    'quotes',
    'coach',
    'buddy',
    'buddies',
    '4life',
    'forlife',
    'lifestyle',
    'twt',
    'tok',
    'goals',
    'girl',
    'girls',
  ]),
  recovery: Object.freeze([
    'recovery',
    'recovered',
    'recovering',
    'warrior',
    'warriors',
    'soldier',
    'soldiers',
    'survivor',
    'survivors',
    'free',
  ]),
  tagOnly: Object.freeze([
    'tips',
    'tricks',
    'diet',
    'coach',
    'buddy',
    'buddies',
    '4life',
    'forlife',
    'twt',
    'recovery',
    'recovered',
    'recovering',
  ]),
});

/** Most suffixes per list, and the longest suffix: affixes are data, but bounded data. */
const MAX_AFFIXES = 1_000;
const MAX_AFFIX_LENGTH = 64;

/**
 * Validates the `compounds` option: `false` (no compounds) or three lists of strings of at most
 * 64 characters, a suffix in one of `triggering` and `recovery` only, and every `tagOnly` suffix
 * in one of them.
 *
 * @param value - the option as given
 * @param api - the API name messages start with
 * @returns the affixes, or `null` for no compounds
 * @throws RebalanceError with code `argument` and the path (`compounds.tagOnly[2]`)
 * @internal
 */
export function readCompoundAffixes(value: unknown, api: string): CompoundAffixes | null {
  if (value === false) return null;
  const fail = (path: string, rule: string, got: unknown): never => {
    failInput('argument', api, path, rule, got, `options.${path}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('compounds', 'must be false or an object with triggering, recovery and tagOnly', value);
  const fields = value as Record<string, unknown>;
  const lists: string[][] = [];
  for (const name of ['triggering', 'recovery', 'tagOnly'] as const) {
    const list = fields[name];
    if (!Array.isArray(list) || list.length > MAX_AFFIXES)
      fail(`compounds.${name}`, `must be an array of at most ${MAX_AFFIXES} strings`, list);
    const strings: string[] = [];
    for (let i = 0; i < (list as unknown[]).length; i++) {
      const affix: unknown = (list as unknown[])[i];
      if (typeof affix !== 'string' || affix.length === 0 || affix.length > MAX_AFFIX_LENGTH)
        fail(
          `compounds.${name}[${i}]`,
          `must be a non-empty string of at most ${MAX_AFFIX_LENGTH} characters`,
          affix,
        );
      strings.push(affix as string);
    }
    lists.push(strings);
  }
  const [triggering, recovery, tagOnly] = lists as [string[], string[], string[]];
  const recoverySet = new Set(recovery);
  triggering.forEach((affix, i) => {
    if (recoverySet.has(affix))
      fail(`compounds.triggering[${i}]`, 'must not also be a recovery suffix', affix);
  });
  const known = new Set([...triggering, ...recovery]);
  tagOnly.forEach((affix, i) => {
    if (!known.has(affix))
      fail(`compounds.tagOnly[${i}]`, 'must be one of the triggering or recovery suffixes', affix);
  });
  return { triggering, recovery, tagOnly };
}
