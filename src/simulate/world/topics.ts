/**
 * What a catalogue topic is: an ordinary interest, a triggering topic of a taxonomy group, or a
 * group's recovery content.
 *
 * @internal
 */
export type TopicKind = 'ordinary' | 'triggering' | 'recovery';

/**
 * One topic of the synthetic catalogue. Triggering and recovery topic ids are those of
 * `presets.taxonomies.default`, so the library recognises the items as a real host would send
 * them.
 *
 * @internal
 */
export interface TopicSpec {
  readonly id: string;
  readonly kind: TopicKind;
  /** Taxonomy group for triggering and recovery topics, `null` for ordinary ones. */
  readonly group: string | null;
  /** Items of this topic in the catalogue. */
  readonly items: number;
  /** Hashtags written on items when labels are plain. */
  readonly hashtags: readonly string[];
  /** Evasive spellings written instead in the `evasive` scenario (Chancellor et al. 2016). */
  readonly evasive: readonly string[];
  /**
   * Topics the recommender's "more like this" candidate generation reaches from this one. Fitness
   * and beauty lead to extreme dieting, low mood to self-harm: the gateways that audits followed
   * from ordinary interests into rabbit holes (CCDH 2022; Amnesty 2023).
   */
  readonly near: readonly string[];
}

const ordinary = (id: string, items: number, near: readonly string[] = []): TopicSpec => ({
  id,
  kind: 'ordinary',
  group: null,
  items,
  hashtags: [id.replace(/-/g, '')],
  evasive: [],
  near,
});

/**
 * The catalogue's topics. Triggering topics are about 13% of the catalogue, recovery content
 * about 7%: harmful content is a minority of what exists, and rabbit holes come from the feedback
 * loop, not from its abundance.
 *
 * @internal
 */
export const TOPICS: readonly TopicSpec[] = [
  ordinary('comedy', 200),
  ordinary('music', 200, ['low-mood']),
  ordinary('gaming', 200),
  ordinary('sports', 200, ['fitness']),
  ordinary('cooking', 200, ['fitness']),
  ordinary('travel', 200),
  ordinary('pets', 200),
  ordinary('fashion', 200, ['beauty']),
  ordinary('art', 200),
  ordinary('study', 200),
  ordinary('fitness', 200, ['extreme-dieting', 'sports']),
  ordinary('beauty', 200, ['thinspiration', 'fashion']),
  ordinary('low-mood', 150, ['self-harm', 'music']),
  {
    id: 'thinspiration',
    kind: 'triggering',
    group: 'eating-disorder',
    items: 120,
    hashtags: ['thinspo', 'thinspiration'],
    evasive: ['thinspoo', 'th1nspo', 'thinspao'],
    near: ['pro-ana', 'extreme-dieting'],
  },
  {
    id: 'pro-ana',
    kind: 'triggering',
    group: 'eating-disorder',
    items: 100,
    hashtags: ['proana', 'edtwt'],
    evasive: ['pr0ana', 'proanaa', 'edtw1t'],
    near: ['thinspiration', 'self-harm'],
  },
  {
    id: 'extreme-dieting',
    kind: 'triggering',
    group: 'eating-disorder',
    items: 100,
    hashtags: ['meanspo', 'bonespo'],
    evasive: ['m3anspo', 'b0nespo'],
    near: ['thinspiration', 'fitness'],
  },
  {
    id: 'self-harm',
    kind: 'triggering',
    group: 'self-harm',
    items: 60,
    hashtags: ['selfharm', 'sh'],
    evasive: ['selfharn', 's3lfharm'],
    near: ['suicide', 'low-mood'],
  },
  {
    id: 'suicide',
    kind: 'triggering',
    group: 'suicide',
    items: 40,
    hashtags: ['suicide'],
    evasive: ['sewerslide', 'unalive'],
    near: ['self-harm'],
  },
  {
    id: 'ed-recovery',
    kind: 'recovery',
    group: 'eating-disorder',
    items: 120,
    hashtags: ['edrecovery', 'prorecovery'],
    evasive: [],
    near: ['fitness', 'cooking'],
  },
  {
    id: 'self-harm-recovery',
    kind: 'recovery',
    group: 'self-harm',
    items: 60,
    hashtags: ['selfharmrecovery'],
    evasive: [],
    near: ['low-mood'],
  },
  {
    id: 'suicide-prevention',
    kind: 'recovery',
    group: 'suicide',
    items: 60,
    hashtags: ['suicideprevention'],
    evasive: [],
    near: ['low-mood'],
  },
];
