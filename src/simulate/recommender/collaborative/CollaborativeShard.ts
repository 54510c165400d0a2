import type { RecommenderContext, UserRecommender } from '../types.js';
import { contributionLength, FACTORS, type FactorSnapshot } from './FactorModel.js';
import { type SamplerSettings, TopicSampler } from '../TopicSampler.js';

/**
 * The users of one thread under the collaborative recommender, and their models. A user model
 * keeps the user's watch-time profile per topic (as the per-user recommender does) but ranks by
 * the profile seen through the population's factors: scores = y V (VᵀV + λI)⁻¹ Vᵀ, the
 * alternating least-squares user step and the prediction from it. Candidates are drawn and
 * ranked from those scores as the per-user recommender does from its own estimate. At the end
 * of a round {@link CollaborativeShard.endRound} packs the profiles of the users who made a
 * request, in user order, for the population model.
 *
 * @internal
 */
export class CollaborativeShard {
  private readonly users: CollaborativeUser[] = [];
  private snapshotNow: FactorSnapshot;

  /**
   * @param snapshot - the population's factors to start from
   * @param settings - the learning rate and the cold start
   */
  constructor(
    snapshot: FactorSnapshot,
    private readonly settings: SamplerSettings,
  ) {
    this.snapshotNow = snapshot;
  }

  /** The model of one user; users must be created in index order. */
  forUser(context: RecommenderContext): UserRecommender {
    const user = new CollaborativeUser(this, context, this.settings);
    this.users.push(user);
    return user;
  }

  get snapshot(): FactorSnapshot {
    return this.snapshotNow;
  }

  /** Takes the factors refitted after a round. */
  setSnapshot(snapshot: FactorSnapshot): void {
    this.snapshotNow = snapshot;
  }

  /** Packs [index, profile…] of every user who made a request this round, in user order. */
  endRound(): Float64Array {
    let active = 0;
    let topics = 0;
    for (const user of this.users) {
      if (!user.active) continue;
      active++;
      topics = user.profile.length;
    }
    const out = new Float64Array(active * contributionLength(topics));
    let at = 0;
    for (const user of this.users) {
      if (!user.active) continue;
      out[at] = user.index;
      out.set(user.profile, at + 1);
      at += contributionLength(topics);
      user.active = false;
    }
    return out;
  }
}

class CollaborativeUser extends TopicSampler implements UserRecommender {
  readonly index: number;
  /** Whether the user made a request in the current round. */
  active = false;
  private readonly factor = new Float64Array(FACTORS);

  constructor(
    private readonly shard: CollaborativeShard,
    context: RecommenderContext,
    settings: SamplerSettings,
  ) {
    super(context, settings);
    this.index = context.user;
  }

  /** The user's watch-time profile per topic. */
  get profile(): Float64Array {
    return this.affinity;
  }

  protected override prepare(): void {
    this.active = true;
    // Scores are the profile projected on the population's factors: u = (VᵀV + λI)⁻¹ Vᵀ y,
    // score_t = u · v_t.
    const { topicFactors, userSolve } = this.shard.snapshot;
    const y = this.affinity;
    const topics = y.length;
    const vty = new Float64Array(FACTORS);
    for (let t = 0; t < topics; t++)
      for (let d = 0; d < FACTORS; d++) vty[d]! += topicFactors[t * FACTORS + d]! * y[t]!;
    for (let j = 0; j < FACTORS; j++) {
      let s = 0;
      for (let i = 0; i < FACTORS; i++) s += userSolve[j * FACTORS + i]! * vty[i]!;
      this.factor[j] = s;
    }
    for (let t = 0; t < topics; t++) {
      let s = 0;
      for (let d = 0; d < FACTORS; d++) s += this.factor[d]! * topicFactors[t * FACTORS + d]!;
      // A score is a predicted watch time: never below zero.
      this.estimateOfTopic[t] = s > 0 ? s : 0;
    }
  }
}
