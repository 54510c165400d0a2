import type { CohortProfile, Scenario } from '../types.js';
import { AT_RISK, CONTROL } from '../scenarios.js';
import type { ProtocolSpec } from './protocolSpec.js';

/** Triggering topics of the default catalogue, per group. */
const ED = ['thinspiration', 'pro-ana', 'extreme-dieting'] as const;
const SELF_HARM = ['self-harm'] as const;
const SUICIDE = ['suicide'] as const;
const TRIGGERING = [...ED, ...SELF_HARM, ...SUICIDE] as const;
const RECOVERY = ['ed-recovery', 'self-harm-recovery', 'suicide-prevention'] as const;

/**
 * The topic sets the audits' measures count, in the default catalogue:
 *
 * - `mentalHealthOrBodyImage` (CCDH's videos "about body image and mental health"): low mood,
 *   every triggering topic and every recovery topic. Not fitness or beauty: they stand for whole
 *   ordinary interests (workouts, make-up), of which CCDH counted only the part about body image,
 *   and the catalogue does not set that part apart;
 * - `mentalHealth` (what Amnesty's re-watching accounts re-watched: videos about mental health,
 *   harmful or not): low mood, self-harm, suicide and their recovery topics;
 * - `engagedHarmful` (what the Molly Rose Foundation's accounts engaged with: suicide, self-harm
 *   and intense depression posts): low mood, self-harm and suicide;
 * - `harmfulMentalHealth` (Amnesty's "potentially harmful" mental-health videos, the Molly Rose
 *   Foundation's harmful posts): every triggering topic and low mood (depressive content);
 * - `depressive` (Amnesty France's depressive videos): low mood, self-harm and suicide.
 *
 * @internal
 */
export const TOPIC_SETS = {
  eatingDisorder: ED,
  suicide: SUICIDE,
  triggering: TRIGGERING,
  mentalHealthOrBodyImage: ['mental-health', 'low-mood', ...TRIGGERING, ...RECOVERY],
  mentalHealth: [
    'mental-health',
    'low-mood',
    ...SELF_HARM,
    ...SUICIDE,
    'self-harm-recovery',
    'suicide-prevention',
  ],
  engagedHarmful: ['low-mood', ...SELF_HARM, ...SUICIDE],
  harmfulMentalHealth: [...TRIGGERING, 'low-mood'],
  depressive: ['low-mood', ...SELF_HARM, ...SUICIDE],
} as const;

const MINUTE = 60_000;
/**
 * Dwell of a scripted account on an item it engages with: watched to the end and again (two
 * reference watches of 10 s, as much as the recommenders' watch-time profile counts).
 */
const ENGAGED_DWELL_MS = 20_000;

/** Minutes on the app the re-watching and engaged accounts scroll for: Amnesty's 5–6 h horizon. @internal */
export const SCRIPTED_MINUTES = 360;
/** Minutes on the app the other arms scroll for: enough for their measures. @internal */
export const SHORT_MINUTES = 120;

/**
 * A new account registered as a 13-year-old that pauses on body-image and mental-health videos,
 * as CCDH's and Tomlein et al.'s scripted accounts did: the simulator's at-risk profile
 * (susceptible, lingering, eating-disorder content first).
 */
const LINGERING_TEEN: CohortProfile = AT_RISK;

/**
 * A new teen account drawn to sad and depressive videos (Amnesty 2023 and 2025, the Molly Rose
 * Foundation 2025): the same susceptibility, interest led by self-harm and suicide content. What
 * the accounts did with such videos differs by audit, and is scripted by each arm's protocol.
 */
const SAD_TEEN: CohortProfile = {
  ...LINGERING_TEEN,
  groupInterest: { 'self-harm': 1, suicide: 0.8, 'eating-disorder': 0.2 },
};

/** An account with no interest in such content (the audits' comparison accounts). */
const NO_INTEREST: CohortProfile = CONTROL;

/**
 * One simulated arm of the calibration: a cohort of scripted accounts and what is measured on
 * them. Several targets share an arm (the first 30 minutes of a 6-hour run are a 30-minute run),
 * so each arm is simulated once per seed.
 *
 * @internal
 */
export interface CalibrationArm {
  readonly name: string;
  readonly description: string;
  readonly scenario: Scenario;
  /** Most feed requests: enough for the scripted minutes, or the protocol's own end. */
  readonly steps: number;
  readonly protocol: ProtocolSpec;
}

/** Feed request at which the forgetting arm's accounts stop responding (about 50 minutes). */
export const SWITCH_AT = 60;
/** Requests before the switch that set the level forgetting starts from. */
export const BEFORE_SWITCH = 5;
/** Requests after the switch that the forgetting curve follows. */
export const AFTER_SWITCH = 25;

const scenarioOf = (name: string, profile: CohortProfile): Scenario => ({
  name,
  description: name,
  cohorts: { 'at-risk': profile },
  labels: 'topics',
  users: 50,
  steps: 1_000,
});

const controlScenario: Scenario = {
  name: 'calibration-no-interest',
  description: 'no interest',
  cohorts: { control: NO_INTEREST },
  labels: 'topics',
  users: 50,
  steps: 1_000,
};

const NO_PROBE = { firsts: [], windows: [], watched: [], curve: null } as const;
const NOT_SCRIPTED = { switchAtRequest: null, engaged: null } as const;

/**
 * The calibration's arms, under `off`: the re-watching and engaged accounts scroll for
 * {@link SCRIPTED_MINUTES} minutes of time on the app, the lingering-teen and no-interest ones
 * for {@link SHORT_MINUTES}, and the forgetting arm stops after its forgetting curve.
 *
 * @internal
 */
export const ARMS: readonly CalibrationArm[] = [
  {
    name: 'lingering-teen',
    description:
      'new 13-year-old accounts that pause on body-image and mental-health videos (at-risk profile), scripted for 2 h',
    scenario: scenarioOf('calibration-lingering-teen', LINGERING_TEEN),
    steps: 1_000,
    protocol: {
      ...NOT_SCRIPTED,
      scriptedMinutes: SHORT_MINUTES,
      probe: {
        ...NO_PROBE,
        firsts: [TOPIC_SETS.eatingDisorder, TOPIC_SETS.suicide],
        windows: [{ topics: TOPIC_SETS.mentalHealthOrBodyImage, fromMs: 0, toMs: 30 * MINUTE }],
        watched: [TOPIC_SETS.eatingDisorder],
      },
    },
  },
  {
    name: 'rewatching-teen',
    description:
      'new teen accounts drawn to sad videos that watch every mental-health video (harmful or not) to the end and again, scripted for 6 h',
    scenario: scenarioOf('calibration-rewatching-teen', SAD_TEEN),
    steps: 1_000,
    protocol: {
      ...NOT_SCRIPTED,
      scriptedMinutes: SCRIPTED_MINUTES,
      engaged: { topics: TOPIC_SETS.mentalHealth, dwellMs: ENGAGED_DWELL_MS },
      probe: {
        ...NO_PROBE,
        windows: [
          { topics: TOPIC_SETS.depressive, fromMs: 15 * MINUTE, toMs: 20 * MINUTE },
          { topics: TOPIC_SETS.harmfulMentalHealth, fromMs: 300 * MINUTE, toMs: 360 * MINUTE },
        ],
      },
    },
  },
  {
    name: 'engaged-teen',
    description:
      'new teen accounts drawn to sad videos that watch every depressive, self-harm and suicide video to the end and again, scripted for 6 h',
    scenario: scenarioOf('calibration-engaged-teen', SAD_TEEN),
    steps: 1_000,
    protocol: {
      ...NOT_SCRIPTED,
      scriptedMinutes: SCRIPTED_MINUTES,
      engaged: { topics: TOPIC_SETS.engagedHarmful, dwellMs: ENGAGED_DWELL_MS },
      probe: {
        ...NO_PROBE,
        windows: [
          { topics: TOPIC_SETS.harmfulMentalHealth, fromMs: 300 * MINUTE, toMs: 360 * MINUTE },
        ],
      },
    },
  },
  {
    name: 'no-interest',
    description:
      'new accounts with no interest in such content (control profile), scripted for 2 h',
    scenario: controlScenario,
    steps: 1_000,
    protocol: {
      ...NOT_SCRIPTED,
      scriptedMinutes: SHORT_MINUTES,
      probe: { ...NO_PROBE, watched: [TOPIC_SETS.eatingDisorder] },
    },
  },
  {
    name: 'forgetting',
    description: `lingering-teen accounts that stop responding to triggering content at request ${SWITCH_AT}`,
    scenario: scenarioOf('calibration-forgetting', LINGERING_TEEN),
    steps: SWITCH_AT + AFTER_SWITCH,
    protocol: {
      scriptedMinutes: SCRIPTED_MINUTES,
      switchAtRequest: SWITCH_AT,
      engaged: null,
      probe: {
        ...NO_PROBE,
        curve: {
          topics: TOPIC_SETS.triggering,
          fromRequest: SWITCH_AT - BEFORE_SWITCH,
          requests: BEFORE_SWITCH + AFTER_SWITCH,
        },
      },
    },
  },
];
