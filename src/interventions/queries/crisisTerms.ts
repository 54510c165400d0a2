import type { TermEntry } from '../../taxonomy/match/types.js';

/** Entries of one topic, frozen. */
function entries(topic: string, terms: readonly string[]): TermEntry[] {
  return terms.map((term) => Object.freeze({ term, topic }));
}

// Written in plain words: the interceptor reads contractions and texting forms ("wanna",
// "want 2", "im", "imma", "jveux", "kiero") into these before matching, and the evasive normal
// form takes care of case, accents, leetspeak, lookalike letters and stretched letters.
const SUICIDE_EN = [
  'suicide',
  'suicidal',
  'commit suicide',
  'kill myself',
  'killing myself',
  'want to die',
  'how to die',
  'wish i was dead',
  'wish i were dead',
  'want to be dead',
  'better off dead',
  'better off without me',
  'end my life',
  'ending my life',
  'end my own life',
  'end it all',
  'take my own life',
  'take my life',
  'no reason to live',
  'do not want to live',
  'do not want to be alive',
  'tired of living',
  'tired of being alive',
  'not worth living',
  'unalive myself',
  // Passive wishes to be dead, as clinical screening asks after them: to sleep and not wake up,
  // to not be missed.
  'sleep and never wake up',
  'sleep and not wake up',
  'hope i never wake up',
  'never wake up again',
  'nobody would miss me',
  'no one would miss me',
  'i deserve to die',
  'no point in living',
  'what is the point of living',
  'what is the point in living',
  // Searches are often worded impersonally ("how to kill yourself", "is it selfish to kill
  // yourself") or about wanting to die rather than in its words ("wanting to die").
  'to kill yourself',
  'you kill yourself',
  'wanting to die',
  'wanted to die',
  'do not want to exist',
  'want to stop existing',
  'wish i was never born',
  'wish i had never been born',
];
const SUICIDE_ES = [
  'suicidio',
  'suicida',
  'suicidas',
  'suicidarme',
  'suicidarse',
  'me quiero suicidar',
  'quiero morir',
  'quiero morirme',
  'ganas de morir',
  'deseo morir',
  'me quiero matar',
  'quiero matarme',
  'matarme',
  'voy a matarme',
  'me voy a matar',
  'como matarme',
  'no quiero vivir',
  'no quiero seguir viviendo',
  'quitarme la vida',
  'acabar con mi vida',
  'terminar con mi vida',
  'mejor muerto',
  'mejor muerta',
  'dormir y no despertar',
  'quiero estar muerto',
  'quiero estar muerta',
  'no despertar nunca',
  'nadie me extrañaría',
  'merezco morir',
  'no tiene sentido vivir',
  'como matarse',
  'formas de matarse',
  'forma de matarse',
  'maneras de matarse',
  'manera de matarse',
  'no quiero existir',
  'quiero dejar de existir',
];
const SUICIDE_FR = [
  'suicidaire',
  'me suicider',
  'se suicider',
  'veux mourir',
  'envie de mourir',
  'veux me tuer',
  'vais me tuer',
  'comment me tuer',
  'envie de me tuer',
  'veux en finir',
  'en finir avec la vie',
  'mettre fin à mes jours',
  'mettre fin à ma vie',
  'ne veux plus vivre',
  'plus envie de vivre',
  'marre de vivre',
  'ne jamais me réveiller',
  'ne plus me réveiller',
  'personne ne me regretterait',
  'veux être mort',
  'veux être morte',
  'je mérite de mourir',
  'aucune raison de vivre',
  'comment se tuer',
  'façon de se tuer',
  'façons de se tuer',
  'moyen de se tuer',
  'moyens de se tuer',
  'ne plus exister',
  'veux plus exister',
];
const SUICIDE_DE = [
  'selbstmord',
  'suizid',
  'suizidal',
  'suizidgedanken',
  'selbstmordgedanken',
  'freitod',
  'lebensmüde',
  'will sterben',
  'möchte sterben',
  'will nicht mehr leben',
  'möchte nicht mehr leben',
  'keine lust mehr zu leben',
  'mich umbringen',
  'bringe mich um',
  'bring mich um',
  'bringe ich mich um',
  'bring ich mich um',
  'ich will sterben',
  'mein leben beenden',
  'will tot sein',
  'mir das leben nehmen',
  'nicht mehr aufwachen',
  'niemand würde mich vermissen',
  'verdiene es zu sterben',
  'keinen sinn mehr zu leben',
  'sich umbringen',
  'bringt man sich um',
  'bringe ich mich um',
  'sich das leben nehmen',
  'nicht mehr existieren',
];
const SUICIDE_PT = [
  'suicídio',
  'me suicidar',
  'quero morrer',
  'vontade de morrer',
  'quero me matar',
  'vou me matar',
  'como me matar',
  'vontade de me matar',
  'em me matar',
  'não quero mais viver',
  'não quero viver',
  'tirar minha vida',
  'tirar a minha vida',
  'acabar com minha vida',
  'acabar com a minha vida',
  'dormir e não acordar',
  'quero estar morto',
  'quero estar morta',
  'não acordar mais',
  'ninguém sentiria minha falta',
  'mereço morrer',
  'não tem sentido viver',
  'como se matar',
  'formas de se matar',
  'forma de se matar',
  'jeito de se matar',
  'jeitos de se matar',
  'maneiras de se matar',
  'não quero existir',
  'não quero mais existir',
];
// Searches for a means or a way to die, named only in general words. Safe-messaging guidance keeps
// methods out of what people are shown; these phrases only recognise the search, which is met
// with help rather than results.
const SUICIDE_MEANS_EN = [
  'hang myself',
  'hanging myself',
  'how to hang yourself',
  'how to drown myself',
  'how to drown yourself',
  'how to poison myself',
  'how to poison yourself',
  'how to shoot myself',
  'how to suffocate myself',
  'how to suffocate yourself',
  'tie a noose',
  'painless way to die',
  'painless ways to die',
  'easiest way to die',
  'easy way to die',
  'quickest way to die',
  'fastest way to die',
  'best way to die',
  'die painlessly',
  'how to overdose',
  'overdose on purpose',
  'want to overdose',
  'pills to overdose',
  'pills to die',
  'pills does it take to die',
  'slit my wrists',
  'slit wrists',
  'slit your wrists',
  'slitting my wrists',
  'cut wrists',
  'cut my wrists',
  'cut your wrists',
  'cutting my wrists',
  'die from hanging',
  'die by hanging',
  'jump to die',
  'jump to my death',
  'jumping to my death',
];
const SUICIDE_MEANS_ES = [
  'ahorcarme',
  'como ahorcarse',
  'morir sin dolor',
  'pastillas para morir',
  'sobredosis a propósito',
  'cortarme las venas',
  'cortarse las venas',
];
const SUICIDE_MEANS_FR = [
  'me pendre',
  'comment se pendre',
  'mourir sans douleur',
  'mourir sans souffrir',
  'cachets pour mourir',
  'médicaments pour mourir',
  'me tailler les veines',
  'se tailler les veines',
];
const SUICIDE_MEANS_DE = [
  'mich erhängen',
  'wie erhängt man sich',
  'schmerzlos sterben',
  'schmerzfrei sterben',
  'tabletten zum sterben',
  'tabletten um zu sterben',
  'pulsadern aufschneiden',
];
const SUICIDE_MEANS_PT = [
  'me enforcar',
  'como se enforcar',
  'morrer sem dor',
  'comprimidos para morrer',
  'remédios para morrer',
  'cortar os pulsos',
  'cortar meus pulsos',
];
const SELF_HARM_EN = [
  'self harm',
  'self harming',
  'self injury',
  'self injure',
  'self mutilation',
  'self inflicted',
  'cutting myself',
  'cut myself on purpose',
  'want to cut myself',
  'how to cut myself',
  'urge to cut',
  'hurt myself on purpose',
  'hurting myself on purpose',
  'want to hurt myself',
  'how to hurt myself',
  'ways to hurt myself',
  'way to hurt myself',
  'need to hurt myself',
  'urge to hurt myself',
  'to hurt yourself',
  'where to cut myself',
  'places to cut myself',
  'how deep to cut myself',
  'to cut yourself',
  'hurt myself without anyone knowing',
  // Hiding it, and going further: searches a person makes to keep going unseen.
  'cut without anyone knowing',
  'hide my cuts',
  'burn myself on purpose',
  'burning myself on purpose',
];
const SELF_HARM_ES = [
  'autolesion',
  'autolesiones',
  'autolesionarme',
  'cortarme',
  'hacerme daño',
  'lastimarme',
  'como hacerse daño',
  'como autolesionarse',
  'autolesionarse',
  'esconder mis cortes',
  'esconder los cortes',
  'quemarme a propósito',
];
const SELF_HARM_FR = [
  'automutilation',
  'scarification',
  'scarifications',
  'me scarifier',
  'me mutiler',
  'me faire du mal',
  'me couper',
  'cacher mes coupures',
  'me brûler exprès',
  'se scarifier',
  'se mutiler',
  'comment se faire du mal',
];
const SELF_HARM_DE = [
  'ritzen',
  'ritze mich',
  'selbstverletzung',
  'selbstverletzen',
  'mich selbst verletzen',
  'selbstverletzendes verhalten',
  'svv',
  'ritzwunden',
  'schnitte verstecken',
  'mich absichtlich verbrennen',
  'will mir wehtun',
  'will mir weh tun',
  'mir selbst wehtun',
  'mir selbst weh tun',
  'ritzt man sich',
  'ritze ich mich',
];
const SELF_HARM_PT = [
  'automutilação',
  'autolesão',
  'me cortar',
  'me machucar',
  'me mutilar',
  'esconder meus cortes',
  'esconder os cortes',
  'me queimar de propósito',
  'como se cortar',
  'como se machucar',
  'se automutilar',
];

// Searches for eating-disorder behaviour: purging, and starving oneself or becoming ill on
// purpose. Dieting searches ("how to stop eating sugar") and symptoms ("why do i throw up after
// eating") are left alone, so neither "stop eating", "lose weight" nor "throw up after eating"
// is a phrase here.
const PURGING = [
  'make myself throw up',
  'make myself puke',
  'make myself vomit',
  'make yourself throw up',
  'make yourself puke',
  'make yourself vomit',
  'purge after eating',
  'how to throw up after eating',
  'provocarme el vómito',
  'como vomitar después de comer',
  'me faire vomir',
  'se faire vomir',
  'comment vomir après avoir mangé',
  'wie erbreche ich nach dem essen',
  'mich nach dem essen übergeben',
  'me fazer vomitar',
  'como vomitar depois de comer',
];
const STARVING = [
  'starve myself',
  'starving myself',
  'stop eating completely',
  'become anorexic',
  'be anorexic',
  'get anorexia',
  'get an eating disorder',
  'hide not eating',
  'matarme de hambre',
  'volverme anoréxica',
  'ser anoréxica',
  'devenir anorexique',
  'me priver de manger',
  'mich aushungern',
  'magersüchtig werden',
  'me passar fome',
  'ficar anoréxica',
];

/**
 * The phrases that search interception answers by default, in English, Spanish, French, German
 * and Portuguese: suicidal intent and self-harm, searches for a means or a way to die and for
 * hiding self-harm, and searches to purge or to starve oneself. Each has the topic it signals:
 * `suicide`, `self-harm`, `pro-mia` (purging) or `pro-ana` (starving), topics of the default
 * taxonomy; the answer is the taxonomy's group of that topic (`eating-disorder` for the last two),
 * or the topic's own name for a taxonomy without it.
 *
 * Safe-messaging practice is to meet such a search with help rather than with results: TikTok
 * sends searches for #suicide to local helplines, and Instagram shows expert resources for
 * self-harm and eating-disorder searches. This list is what those platforms leave unpublished,
 * kept as data that a host extends or replaces (`crisisTerms`).
 *
 * How the phrases are matched (see `docs/interventions.md`, "Search interception"):
 * - in the evasive normal form — case, accents ("suicidio" for "suicídio"), leetspeak
 *   ("suicid3"), lookalike letters, invisible characters and stretched letters do not matter;
 * - on word boundaries, phrases across spaces but not across punctuation, and with the word
 *   breaks anywhere ("killmyself", "kill my self");
 * - after the query's own reading: spaced letters are joined ("k i l l"), three or more
 *   vocabulary words run together are split ("iwanttodie", "i-want-to-die"), contractions and
 *   texting forms expanded ("wanna", "want 2", "im", "imma", "jveux", "kiero"), French elisions
 *   split ("j'ai"), and a word of five letters or more one weighted spelling edit from a
 *   vocabulary word is read as that word ("mysef", "sterbn");
 * - single words of seven letters or more also match one spelling edit away ("sucide").
 *
 * Terms of three letters or fewer ("svv") follow the code-word rules of `DEFAULT_CODE_WORDS`.
 *
 * @example
 * ```ts
 * import { DEFAULT_CRISIS_TERMS, createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({
 *   taxonomy: presets.taxonomies.default,
 *   crisisTerms: [...DEFAULT_CRISIS_TERMS, { term: 'quiero desaparecer', topic: 'suicide' }],
 * });
 * rb.interceptQuery('quiero desaparecer', { locale: 'es' })?.group; // 'suicide'
 * ```
 */
export const DEFAULT_CRISIS_TERMS: readonly TermEntry[] = /* @__PURE__ */ Object.freeze([
  ...entries('suicide', [
    ...SUICIDE_EN,
    ...SUICIDE_ES,
    ...SUICIDE_FR,
    ...SUICIDE_DE,
    ...SUICIDE_PT,
    ...SUICIDE_MEANS_EN,
    ...SUICIDE_MEANS_ES,
    ...SUICIDE_MEANS_FR,
    ...SUICIDE_MEANS_DE,
    ...SUICIDE_MEANS_PT,
  ]),
  ...entries('self-harm', [
    ...SELF_HARM_EN,
    ...SELF_HARM_ES,
    ...SELF_HARM_FR,
    ...SELF_HARM_DE,
    ...SELF_HARM_PT,
  ]),
  ...entries('pro-mia', PURGING),
  ...entries('pro-ana', STARVING),
]);
