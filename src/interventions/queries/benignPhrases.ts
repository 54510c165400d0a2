/**
 * Phrases whose words never count as a crisis search, even when they contain a crisis term:
 * titles and names ("suicide squad"), other meanings of a word ("suicide doors" on a car,
 * "glas ritzen" for engraving glass), grooming ("cortarme el pelo", "me couper les cheveux")
 * and hyperbole ("morir de risa", "me matar de estudar"). A query word inside one of these
 * phrases is left out of the crisis vocabulary and of the taxonomy's per-word match; the rest
 * of the query is still read, so "suicide squad and i want to die" still intercepts.
 *
 * Idioms that contain no crisis phrase need no entry: "killing it at the gym", "to die for",
 * "dying to see", "die hard", "i could kill for a pizza", "this song kills me" and "dead tired"
 * match nothing in `DEFAULT_CRISIS_TERMS` to begin with. A phrase is compared word by word in
 * the evasive normal form, after the same reading as a query (no spelling edits of its own).
 *
 * @example
 * ```ts
 * import { DEFAULT_BENIGN_PHRASES, createRebalancer, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({
 *   taxonomy: presets.taxonomies.default,
 *   benignPhrases: [...DEFAULT_BENIGN_PHRASES, 'suicide king'],
 * });
 * rb.interceptQuery('suicide king card', { locale: 'en' }); // null
 * ```
 */
export const DEFAULT_BENIGN_PHRASES: readonly string[] = /* @__PURE__ */ Object.freeze([
  // English: titles, sport, cars, news, hyperbole
  'suicide squad',
  'suicide silence',
  'suicide blonde',
  'suicide girls',
  'suicide door',
  'suicide doors',
  'suicide squeeze',
  'suicide sprint',
  'suicide sprints',
  'suicide drill',
  'suicide drills',
  'suicide bomber',
  'suicide bombing',
  'suicide attack',
  'suicide boys',
  'suicide boy',
  'kill myself laughing',
  'die laughing',
  // Cutting oneself off from people or apps, not cutting
  'cutting myself off',
  'cut myself off',
  'my life insurance',
  // Choices about where to live: "what is the point of living abroad"
  'living abroad',
  // Pets: "painless death for my dog" is a search about euthanasia
  'death for my dog',
  'death for my cat',
  'death for my pet',
  'death for a dog',
  'death for a cat',
  'death for dogs',
  'death for cats',
  'death for pets',
  'death for animals',
  // Care and grooming, and their negations: "how not to hurt yourself running", "cut yourself
  // some slack", "how to cut yourself bangs"
  'not to hurt yourself',
  'not to cut yourself',
  'cut yourself some slack',
  'cut yourself shaving',
  'cut yourself bangs',
  'cut yourself a fringe',
  'cut yourself a haircut',
  'herself a slice',
  'himself a slice',
  'themselves a slice',
  // Photography: "how to shoot myself on camera"
  'shoot myself on camera',
  'shoot myself on video',
  'shoot myself in the foot',
  // Games, where dying is part of play: "fastest way to die in minecraft" (to respawn)
  'die in minecraft',
  'die in roblox',
  'die in fortnite',
  'die in terraria',
  'die in the sims',
  'die in game',
  'die in a game',
  // Love songs: "I don't want to live without you"
  'live without you',
  'vivir sin ti',
  'vivre sans toi',
  'leben ohne dich',
  'viver sem você',
  'viver sem ti',
  // Spanish: grooming and hyperbole
  'cortarme el pelo',
  'cortarme el cabello',
  'cortarme el flequillo',
  'cortarme el fleco',
  'cortarme las uñas',
  'cortarme la barba',
  'cortarme las puntas',
  'cortarse el pelo',
  'cortarse el cabello',
  'cortarse el flequillo',
  'cortarse el fleco',
  'cortarse las uñas',
  'cortarse la barba',
  'cortarse las puntas',
  'corto el pelo',
  'corto el cabello',
  'corto el flequillo',
  'corto las uñas',
  'corto la barba',
  'corto las puntas',
  'morir de risa',
  'morirme de risa',
  'morir de vergüenza',
  'morirme de vergüenza',
  'morir de amor',
  'matarme de risa',
  'matarme estudiando',
  'matar estudiando',
  'matar trabajando',
  'matarse de risa',
  'matarse estudiando',
  'matarse trabajando',
  // Injuries in sport and daily life: "hacerme daño en la rodilla" is hurting a knee. The sites
  // self-harm is usually done at (arms, wrists, legs) are left out on purpose.
  'daño en la rodilla',
  'daño en las rodillas',
  'daño en la espalda',
  'daño en el tobillo',
  'daño en el hombro',
  'daño en el cuello',
  'daño en la cadera',
  'daño entrenando',
  'daño en el gimnasio',
  'daño al correr',
  // French
  'me couper les cheveux',
  'me couper la frange',
  'me couper les ongles',
  'me couper la barbe',
  'me couper une frange',
  'me couper les pointes',
  'mourir de rire',
  'mourir de honte',
  "mourir d'ennui",
  'se tuer au travail',
  'se tuer à la tâche',
  // Injuries: "me faire du mal au dos" is hurting one's back
  'mal au dos',
  'mal au genou',
  'mal aux genoux',
  'mal à la cheville',
  "mal à l'épaule",
  'mal au cou',
  'mal à la hanche',
  'mal en courant',
  'mal à la salle',
  'mal au sport',
  // German: engraving, hyperbole
  'glas ritzen',
  'in glas ritzen',
  'ritzen in glas',
  'holz ritzen',
  'stein ritzen',
  'ritzen im glas',
  'vor lachen sterben',
  // Portuguese
  'me cortar o cabelo',
  'me cortar a franja',
  'corto o cabelo',
  'corto a franja',
  'morrer de rir',
  'morrer de vergonha',
  'me matar de rir',
  'me matar de estudar',
  'me matar de trabalhar',
  'se matar de rir',
  'se matar de estudar',
  'se matar de trabalhar',
  'se cortar o cabelo',
  'se cortar a franja',
  // Injuries: "me machucar no treino" is getting hurt training
  'machucar no treino',
  'machucar na academia',
  'machucar o joelho',
  'machucar o tornozelo',
  'machucar as costas',
  'machucar o ombro',
  'machucar jogando',
  'machucar correndo',
]);
