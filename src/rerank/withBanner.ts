import type { BannerFinder } from '../interventions/createBannerRules.js';
import type { ItemView } from '../item/readItem.js';
import type { Item } from '../item/types.js';
import type { Slot } from './types.js';

/** Adds the banner to a slot when a rule applies; a slot without one keeps its exact shape. @internal */
export function withBanner(
  slot: Slot,
  bannerFor: BannerFinder,
  view: ItemView,
  locale: string,
): Slot {
  // The validated snapshot, not the caller's object: it is not read twice.
  let topics: Item['topics'] = view.topics ?? [];
  if (view.confidences !== null) {
    const byTopic = Object.create(null) as Record<string, number>;
    for (let t = 0; t < view.confidences.length; t++)
      byTopic[view.topics![t]!] = view.confidences[t]!;
    topics = byTopic;
  }
  const banner = bannerFor(
    { topics, hashtags: view.hashtags ?? [], text: view.text ?? '' },
    locale,
  );
  return banner === null ? slot : { ...slot, banner };
}
