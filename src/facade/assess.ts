import { assessState } from '../exposure/assess.js';
import type { Assessment, UserState } from '../exposure/types.js';
import { EMPTY_INTERVENTION_LOG } from '../feedback/interventionLog.js';
import type { ResolvedInterventionSettings } from '../interventions/interventionSettings.js';
import { planInterventions } from '../interventions/planInterventions.js';
import type { ResolvedPolicy } from '../policy/resolved.js';

/**
 * The assessment `assess` and `rebalance` report: what exposure/ reads off the state at `at`,
 * then the interventions planned from it and the state's log. A new session has not started
 * yet, so per-session caps then count nothing.
 *
 * @internal
 */
export function assessWithInterventions(
  policy: ResolvedPolicy,
  thresholds: Float64Array,
  state: UserState,
  at: number | undefined,
  api: string,
  settings: ResolvedInterventionSettings,
): Assessment {
  const reading = assessState(policy, thresholds, state, at, api);
  const interventions = planInterventions(
    {
      groups: reading.groups,
      sessionStartedAt: reading.newSession ? null : state.session.startedAt,
      at: reading.at,
    },
    state.interventions ?? EMPTY_INTERVENTION_LOG,
    settings,
  );
  return {
    at: reading.at,
    impressions: reading.impressions,
    newSession: reading.newSession,
    groups: reading.groups,
    interventions,
  };
}
