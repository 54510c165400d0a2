import { FITTED } from '../calibration/fitted.js';
import type { CatalogueSpec, CatalogueTopic } from './catalogueSpec.js';

/**
 * A topic with every field filled in, as the simulator uses it.
 *
 * @internal
 */
export interface TopicSpec {
  readonly id: string;
  readonly kind: 'ordinary' | 'triggering' | 'recovery';
  /** Taxonomy group for triggering and recovery topics, `null` for ordinary ones. */
  readonly group: string | null;
  readonly items: number;
  readonly hashtags: readonly string[];
  readonly evasive: readonly string[];
  readonly near: readonly string[];
  readonly popularity: number;
  /** Share of its reach the topic keeps in a new account's popular feed, in [0, 1]. */
  readonly popularFeedShare: number;
}

const ordinary = (id: string, items: number, near: readonly string[] = []): CatalogueTopic => ({
  id,
  kind: 'ordinary',
  items,
  hashtags: [id.replace(/-/g, '')],
  near,
});

/**
 * The built-in catalogue: 22 topics, about 3,600 items. Fourteen ordinary interests, among them
 * the gateways audits followed into harmful content (fitness and beauty towards eating-disorder
 * content, low mood towards self-harm and suicide: CCDH 2022, Amnesty 2023) and mental-health
 * content that is not harmful (awareness, therapy tips: what Amnesty's re-watching accounts
 * re-watched besides harmful videos); the triggering topics of `presets.taxonomies.default`,
 * about 16% of the items, self-harm and suicide content as plentiful as each eating-disorder
 * topic (a feed that turns to them does not run out of them); and its recovery topics, about 7%.
 * Harmful content is a minority of what exists: rabbit holes come from the feedback loop, not
 * from its abundance. Triggering topics take the calibration's fitted popularity of their group
 * (niche content), and the mental-health topic its fitted popularity (see docs/simulation.md,
 * "Calibration against public audits").
 *
 * @example
 * ```ts
 * import { DEFAULT_CATALOGUE } from 'feed-rebalancer/simulate';
 * console.log(DEFAULT_CATALOGUE.topics.filter((t) => t.kind === 'triggering').map((t) => t.id));
 * ```
 */
export const DEFAULT_CATALOGUE: CatalogueSpec = deepFreeze({
  topics: [
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
    ordinary('low-mood', 150, ['self-harm', 'suicide', 'music']),
    {
      ...ordinary('mental-health', 250, ['low-mood', 'self-harm-recovery']),
      popularity: FITTED.popularity.mentalHealth,
    },
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
      items: 150,
      hashtags: ['selfharm', 'sh'],
      evasive: ['selfharn', 's3lfharm'],
      near: ['suicide', 'low-mood'],
    },
    {
      id: 'suicide',
      kind: 'triggering',
      group: 'suicide',
      items: 120,
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
      near: ['fitness', 'cooking'],
    },
    {
      id: 'self-harm-recovery',
      kind: 'recovery',
      group: 'self-harm',
      items: 60,
      hashtags: ['selfharmrecovery'],
      near: ['low-mood'],
    },
    {
      id: 'suicide-prevention',
      kind: 'recovery',
      group: 'suicide',
      items: 60,
      hashtags: ['suicideprevention'],
      near: ['low-mood'],
    },
  ],
});

/**
 * Fills in a topic's defaults.
 *
 * @internal
 */
export function completeTopic(topic: CatalogueTopic): TopicSpec {
  return {
    id: topic.id,
    kind: topic.kind,
    group: topic.kind === 'ordinary' ? null : (topic.group ?? null),
    items: topic.items,
    hashtags: topic.hashtags,
    evasive: topic.evasive ?? topic.hashtags,
    near: topic.near ?? [],
    popularity: topic.popularity ?? defaultPopularity(topic),
    popularFeedShare:
      topic.popularFeedShare ?? (topic.kind === 'triggering' ? FITTED.popularFeedShare : 1),
  };
}

/**
 * A topic's popularity when its spec does not say: 1, and for a triggering topic the fitted
 * popularity of its group's content (eating-disorder content, or self-harm and suicide content
 * for any other group).
 */
function defaultPopularity(topic: CatalogueTopic): number {
  if (topic.kind !== 'triggering') return 1;
  return topic.group === 'eating-disorder'
    ? FITTED.popularity.eatingDisorder
    : FITTED.popularity.selfHarmAndSuicide;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
