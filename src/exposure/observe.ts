import { RebalanceError } from '../errors/RebalanceError.js';
import { LIMITS } from '../validate/limits.js';
import { nextLevel, rawLevel, stepStatistic } from '../detect/index.js';
import { levelRank } from '../detect/levels.js';
import { hashId } from './hashId.js';
import {
  takeReader,
  type ImpressionReader,
  type ObserveContext,
  type ObserveWorkspace,
} from './observeContext.js';
import { readImpression } from './readImpression.js';
import { sealState } from './sealState.js';
import type { GroupState, UserState } from './types.js';
import { readFeedback } from './readFeedback.js';
import { EMPTY_INTERVENTION_LOG, recordIntervention } from '../feedback/interventionLog.js';
import { addSeeLess } from '../feedback/seeLess.js';

interface Mutable {
  triggeringMass: number;
  totalMass: number;
  run: number;
  statistic: number;
  window: string;
  level: GroupState['level'];
  hold: number;
}

/**
 * Folds impressions, in the order given, into a state and returns the new state.
 *
 * Time: an impression earlier than the state's last one (out of order) is counted at the last
 * time — no negative decay, no new session — and `lastAt` never moves backwards. Impressions
 * with equal times are applied in array order. A gap longer than `sessionGapMs` starts a new
 * session and ends every group's run; the detector statistics carry over.
 *
 * Exposure per group is a share T/M of two decayed, dwell-weighted masses: each impression
 * multiplies both by 2^(−1/halfLife) and adds its weight w = min(dwell / referenceDwell,
 * maxDwellWeight) to M, and to T when it is triggering for the group; time away multiplies T
 * alone by 2^(−Δt/halfLifeMs), so the share only falls while the user is away.
 *
 * Detection per group follows the group's own detector. An impression is triggering for a group
 * (x = 1) when a triggering topic of the group reaches the group's `minConfidence`; masses, runs
 * and the hold count on x. The detector's statistic counts x, or under `evidence: 'confidence'`
 * the group confidence c (the highest confidence of the group's triggering topics, 1 for a term
 * match, 0 for none). Every group written carries its detector's fingerprint.
 *
 * @internal
 */
export function observeImpressions(
  ctx: ObserveContext,
  work: ObserveWorkspace,
  state: UserState,
  input: unknown,
  api: string,
): UserState {
  const list: readonly unknown[] = Array.isArray(input) ? input : [input];
  if (list.length > LIMITS.impressionsPerCall)
    throw new RebalanceError(
      'impression',
      `${api}: impressions must hold at most ${LIMITS.impressionsPerCall} entries per call (got ${list.length})`,
      'impressions',
    );
  const reader = takeReader(ctx, work, api);
  try {
    // Lined up with this rebalancer already: the next call skips binding.
    return work.trusted.trust(fold(ctx, state, list, api, reader));
  } finally {
    // Only now can a later call have it (a getter that re-entered observe got a fresh one), and
    // without the marks of an item that failed half-way.
    reader.marker.clear(0);
    work.spareReader = reader;
  }
}

/** The impressions and feedback of one call folded into the state, items read by `reader`. */
function fold(
  ctx: ObserveContext,
  state: UserState,
  list: readonly unknown[],
  api: string,
  reader: ImpressionReader,
): UserState {
  const { taxonomy, policy, impressionDecay, detections, byConfidence } = ctx;
  const { exposure } = policy;
  const groupCount = state.groups.length;
  const { marker, triggering, recovery, confidence } = reader;
  const itemSite = reader.site;
  const groups: Mutable[] = new Array<Mutable>(groupCount);
  for (let g = 0; g < groupCount; g++) {
    // Field by field rather than a spread: one object shape, and no copy of `id`.
    const src = state.groups[g]!;
    groups[g] = {
      triggeringMass: src.triggeringMass,
      totalMass: src.totalMass,
      run: src.run,
      statistic: src.statistic,
      window: src.window,
      level: src.level,
      hold: src.hold,
    };
  }
  let impressions = state.impressions;
  let lastAt = state.lastAt;
  let startedAt = state.session.startedAt;
  let sessionImpressions = state.session.impressions;
  let memory = state.recoveryShown;
  let memoryCopied = false;
  let log = state.interventions ?? EMPTY_INTERVENTION_LOG;
  let seeLess = state.seeLess ?? [];

  for (let i = 0; i < list.length; i++) {
    const feedback = readFeedback(list[i], i, api, ctx.seeLessTargets, taxonomy.groupIndex);
    if (feedback !== null) {
      // Feedback is not an impression: exposure, runs, detectors and the clock stay as they are.
      if (feedback.seeLess !== null) seeLess = addSeeLess(seeLess, feedback.seeLess, feedback.at);
      else log = recordIntervention(log, { ...feedback.intervention!, at: feedback.at });
      continue;
    }
    const imp = readImpression(list[i], i, api);
    itemSite.index = i;
    const id = marker.read(imp.item, 0);
    const dt = lastAt === null ? 0 : Math.max(0, imp.at - lastAt);
    const newSession = lastAt === null || dt > exposure.sessionGapMs;
    if (newSession) {
      startedAt = imp.at;
      sessionImpressions = 0;
    }
    const timeDecay = dt > 0 ? Math.pow(2, -dt / exposure.halfLifeMs) : 1;
    const weight =
      imp.dwellMs === null
        ? 1
        : Math.min(imp.dwellMs / exposure.referenceDwellMs, exposure.maxDwellWeight);
    let anyTriggering = false;
    let anyRecovery = false;
    for (let g = 0; g < groupCount; g++) {
      const s = groups[g]!;
      const detection = detections[g]!;
      const x: 0 | 1 = triggering[g] === 1 ? 1 : 0;
      if (x === 1) anyTriggering = true;
      else if (recovery[g] === 1) anyRecovery = true;
      s.triggeringMass = s.triggeringMass * timeDecay * impressionDecay + weight * x;
      s.totalMass = s.totalMass * impressionDecay + weight;
      s.run = x === 1 ? (newSession ? 0 : s.run) + 1 : 0;
      const evidence = confidence !== null && byConfidence[g] === 1 ? confidence[g]! : x;
      stepStatistic(detection, s.statistic, s.window, evidence, s.run, s);
      const raw = rawLevel(detection, s.statistic);
      // Only benign impressions count down the hold: a triggering impression never lowers
      // protection, so a constant stream can move the level one way only.
      if (x === 0 || levelRank(raw) >= levelRank(s.level)) {
        nextLevel(s, raw, detection.hold, s);
      }
    }
    if (anyRecovery && !anyTriggering && ctx.recoveryMemory > 0) {
      if (!memoryCopied) {
        memory = memory.slice();
        memoryCopied = true;
      }
      (memory as (readonly [string, number])[]).push(
        Object.freeze([hashId(id), impressions] as const),
      );
    }
    marker.clear(0);
    impressions += 1;
    sessionImpressions += 1;
    if (lastAt === null || imp.at > lastAt) lastAt = imp.at;
  }
  return sealState(
    {
      version: state.version,
      impressions,
      lastAt,
      session: { startedAt, impressions: sessionImpressions },
      groups: groups.map((s, g) => ({
        id: state.groups[g]!.id,
        triggeringMass: s.triggeringMass,
        totalMass: s.totalMass,
        run: s.run,
        statistic: s.statistic,
        window: s.window,
        level: s.level,
        hold: s.hold,
        detector: ctx.fingerprints[g]!,
      })),
      recoveryShown: pruneMemory(memory, impressions, policy.recovery.cooldown, ctx.recoveryMemory),
      interventions:
        log.shown === (state.interventions ?? EMPTY_INTERVENTION_LOG).shown
          ? log
          : { shown: log.shown.map(freezeEntry), dismissed: log.dismissed },
      seeLess: seeLess === state.seeLess ? seeLess : seeLess.map(freezeEntry),
      // Delivery memory is kept as it is; observeDelivered updates it around this fold.
      ...(state.delivery === undefined ? {} : { delivery: state.delivery }),
    },
    // The input state was sealed when it was bound, so what is taken over from it is frozen
    // already.
    state,
  );
}

function freezeEntry<T extends readonly unknown[]>(entry: T): T {
  return Object.isFrozen(entry) ? entry : Object.freeze(entry);
}

/** Keeps the entries still inside the cooldown, at most `limit` of them (the newest). */
function pruneMemory(
  memory: readonly (readonly [string, number])[],
  impressions: number,
  cooldown: number,
  limit: number,
): readonly (readonly [string, number])[] {
  let start = Math.max(0, memory.length - limit);
  while (start < memory.length && memory[start]![1] <= impressions - 1 - cooldown) start++;
  return start === 0 ? memory : memory.slice(start);
}
