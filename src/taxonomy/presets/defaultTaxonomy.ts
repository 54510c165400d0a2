import { freezeTaxonomy } from '../input/freezeTaxonomy.js';
import type { TaxonomyInput } from '../types.js';

/**
 * The default taxonomy: eating disorders, self-harm and suicide, each with its triggering topics,
 * one recovery topic, and the hashtags that label them. Terms are written without `#`; matching
 * ignores case, `#` and separators (see `normalizeTerm`), so `#Thin_Spo` is `thinspo`.
 *
 * Sources of the terms:
 * - Pro-eating-disorder tags and their moderated-away variants (thinspo → thinspoo, thinspao,
 *   thinsrpø; thighgap → thyghgap → thyghgapp; anorexia → anarexyia): Chancellor et al., CSCW 2016,
 *   and Stewart et al. 2017, who found the variants multiply and deepen after platforms moderate
 *   the originals — so this list is data, meant to be extended with `extendTaxonomy`.
 * - #edtwt, an identity marker of eating-disorder communities; #SkinnyTok, whose search TikTok
 *   blocked in June 2025 for promoting extreme weight loss.
 * - Self-harm code words #ehtilb and #secretsociety123 and the misspelling #selfharn, as reported
 *   on Instagram; suicide slang "unalive", "sewerslide" and "kms".
 * - Recovery tags (#edrecovery, #prorecovery …). Pro-ED posts co-opt these too (Herrick et al.
 *   2021), which is why a recovery pool item that also carries a triggering topic is refused.
 *   #EDRecovery, #EatingDisorderRecovery and #AnorexiaRecovery were the most used on Instagram
 *   (Washington Post, February 2022); recovery communities name themselves #edwarriors,
 *   #edsoldiers and #edsurvivor (Vice, 2016; The Fix, 2016);
 *   #recoverywarrior follows Recovery Warriors, an eating-disorder recovery organisation. The
 *   evasive matcher also reads a triggering term with a recovery suffix as recovery
 *   (#anarecovery, #selfharmfree; see `DEFAULT_COMPOUND_AFFIXES`).
 *
 * Matching rules that keep ordinary posts out:
 * - Short code names ("ana", "mia", "sh", "kms") and words that prevention content uses as much
 *   as harmful content ("suicide", "suicidal") are `tags`: they count only as whole hashtags
 *   (`#ana`), never as words of a caption, and never inside a word ("banana", "Montana").
 * - "#bodycheck" is also an ice-hockey term, so it counts as a hashtag only.
 * - Reported code words that mostly label unrelated posts are left out: "#cat" and "#blithe"
 *   (self-harm), "sue" and "deb" (names). Add them with `extendTaxonomy` where they are seen
 *   used so on a platform.
 *
 * @example
 * ```ts
 * import { createRebalancer, defaultTaxonomy, presets } from 'feed-rebalancer';
 * const rb = createRebalancer({ taxonomy: defaultTaxonomy, policy: presets.policies.balanced });
 * rb.classify({ id: 'a', hashtags: ['#thinspo'] }).triggering['eating-disorder']; // 1
 * ```
 */
export const defaultTaxonomy: TaxonomyInput = /* @__PURE__ */ freezeTaxonomy({
  groups: [
    {
      id: 'eating-disorder',
      label: 'eating disorder',
      triggering: [
        {
          id: 'thinspiration',
          terms: [
            'thinspo',
            'thinspiration',
            'thinspoo',
            'thinspooo',
            'thinspao',
            'thinsrpø',
            'thighgap',
            'thyghgap',
            'thyghgapp',
          ],
        },
        {
          id: 'pro-ana',
          terms: ['proana', 'proanorexia', 'anarexyia', 'edtwt'],
          tags: ['ana'],
        },
        { id: 'pro-mia', terms: ['promia', 'probulimia'], tags: ['mia'] },
        { id: 'extreme-dieting', terms: ['skinnytok', 'extremedieting', 'starvationdiet'] },
        { id: 'meanspo', terms: ['meanspo', 'meanspiration'] },
        { id: 'bonespo', terms: ['bonespo', 'bonespiration'] },
        { id: 'body-checking', tags: ['bodycheck', 'bodychecking'] },
      ],
      recovery: [
        {
          id: 'ed-recovery',
          terms: [
            'edrecovery',
            'prorecovery',
            'eatingdisorderrecovery',
            'anorexiarecovery',
            'bulimiarecovery',
            'edwarrior',
            'edsoldier',
            'edsurvivor',
            'recoverywarrior',
          ],
        },
      ],
    },
    {
      id: 'self-harm',
      label: 'self-harm',
      triggering: [
        {
          id: 'self-harm',
          terms: ['selfharm', 'selfharmm', 'selfharmmm', 'selfharn', 'ehtilb', 'secretsociety123'],
          tags: ['sh'],
        },
      ],
      recovery: [
        { id: 'self-harm-recovery', terms: ['selfharmrecovery', 'shrecovery', 'selfharmsupport'] },
      ],
    },
    {
      id: 'suicide',
      label: 'suicide',
      triggering: [
        {
          id: 'suicide',
          terms: ['unalive', 'sewerslide'],
          tags: ['suicide', 'suicidal', 'kms'],
        },
      ],
      recovery: [
        {
          id: 'suicide-prevention',
          terms: ['suicideprevention', 'preventsuicide', 'suicideawareness', '988lifeline'],
        },
      ],
    },
  ],
});
