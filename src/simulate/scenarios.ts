import type { CohortProfile, Scenario } from './types.js';
import type { LabelModel } from './world/labelModel.js';

/**
 * Young users drawn towards eating-disorder and self-harm content: highly susceptible, already
 * somewhat interested (like CCDH's "vulnerable" accounts, whose usernames named weight loss),
 * with middling wellbeing, on new accounts.
 *
 * @internal
 */
export const AT_RISK: CohortProfile = {
  share: 1,
  susceptibility: [0.6, 0.95],
  wellbeing: [0.45, 0.7],
  triggeringInterest: [0.35, 0.65],
  recoveryInterest: [0.15, 0.4],
  recoveryHistory: false,
};

/**
 * Users with no interest in triggering content, who skip it: every alarm on them is false.
 *
 * @internal
 */
export const CONTROL: CohortProfile = {
  share: 1,
  susceptibility: [0, 0.15],
  wellbeing: [0.7, 0.9],
  triggeringInterest: [0, 0.05],
  recoveryInterest: [0, 0.1],
  recoveryHistory: false,
};

/**
 * Users in recovery: still susceptible, with latent triggering interest, but better wellbeing
 * and an account whose history is recovery content.
 */
const IN_RECOVERY: CohortProfile = {
  share: 1,
  susceptibility: [0.5, 0.85],
  wellbeing: [0.6, 0.8],
  triggeringInterest: [0.2, 0.4],
  recoveryInterest: [0.5, 0.8],
  recoveryHistory: true,
};

/** About six hours of active use per user at ~7 s per impression: Amnesty's 5–6 h horizon. */
const STEPS = 300;

/**
 * A classifier's errors, for the `noisy` scenario: recall below 1 (lower for self-harm and
 * suicide, whose content is more often implicit), a 2% false-positive rate per group on ordinary
 * content, a third of triggering items borderline, a tenth of items with a second topic and a
 * tenth of triggering items labelled only by evasive spellings. Illustrative figures, not a
 * measured classifier: put your own in a scenario of the same shape.
 */
const NOISY_LABELS: LabelModel = {
  recall: { 'eating-disorder': 0.85, 'self-harm': 0.75, suicide: 0.75 },
  falsePositiveRate: 0.02,
  borderline: 0.3,
  multiLabel: 0.1,
  evasive: 0.1,
};

/**
 * The built-in benchmark scenarios, by name:
 *
 * - `rabbit-hole`: at-risk users on new accounts; the baseline falls into a rabbit hole.
 * - `control`: users not at risk; measures false alarms and the cost of a policy for them.
 * - `mixed`: a population of both, 30% at risk.
 * - `relapse`: users in recovery, whose recommender starts from recovery content.
 * - `evasive`: the rabbit-hole users, with triggering items labelled only by evasive hashtag
 *   spellings and no topics, as moderated communities write them.
 * - `noisy`: the mixed population, labelled by an imperfect classifier (recall below 1, false
 *   positives, borderline and multi-label items, some evasive spellings): detection under noise,
 *   where `detection.evidence: 'confidence'` can be compared with `'labels'`.
 *
 * @example
 * ```ts
 * import { scenarios, simulate } from 'feed-rebalancer/simulate';
 * console.log(Object.keys(scenarios)); // ['rabbit-hole', 'control', 'mixed', 'relapse', 'evasive', 'noisy']
 * const report = await simulate({ scenario: scenarios.relapse, policy: 'balanced', seed: 1, users: 20 });
 * ```
 */
export const scenarios: {
  readonly 'rabbit-hole': Scenario;
  readonly control: Scenario;
  readonly mixed: Scenario;
  readonly relapse: Scenario;
  readonly evasive: Scenario;
  readonly noisy: Scenario;
} = deepFreeze({
  'rabbit-hole': {
    name: 'rabbit-hole',
    description: 'At-risk users on new accounts: the unconstrained feed drifts into a rabbit hole.',
    cohorts: { 'at-risk': AT_RISK },
    labels: 'topics',
    users: 200,
    steps: STEPS,
  },
  control: {
    name: 'control',
    description: 'Users not at risk: false alarms and the cost of a policy for everyone else.',
    cohorts: { control: CONTROL },
    labels: 'topics',
    users: 200,
    steps: STEPS,
  },
  mixed: {
    name: 'mixed',
    description: 'A population of 30% at-risk users and 70% users not at risk.',
    cohorts: { 'at-risk': { ...AT_RISK, share: 0.3 }, control: { ...CONTROL, share: 0.7 } },
    labels: 'topics',
    users: 500,
    steps: STEPS,
  },
  relapse: {
    name: 'relapse',
    description:
      'Users in recovery whose accounts watched recovery content: does the feed pull them back?',
    cohorts: { 'at-risk': IN_RECOVERY },
    labels: 'topics',
    users: 200,
    steps: STEPS,
  },
  evasive: {
    name: 'evasive',
    description:
      'At-risk users; triggering items carry only evasive hashtag spellings and no topics.',
    cohorts: { 'at-risk': AT_RISK },
    labels: 'evasive',
    users: 200,
    steps: STEPS,
  },
  noisy: {
    name: 'noisy',
    description:
      'The mixed population, labelled by an imperfect classifier: misses, false positives, borderline, multi-label and evasive items.',
    cohorts: { 'at-risk': { ...AT_RISK, share: 0.3 }, control: { ...CONTROL, share: 0.7 } },
    labels: NOISY_LABELS,
    users: 500,
    steps: STEPS,
  },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
