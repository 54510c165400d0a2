/**
 * States for the store tests: a fresh state and a one-impression update.
 */
import { createEmptyState } from '../../src/exposure/emptyState.js';
import type { UserState } from '../../src/exposure/types.js';

/** A fresh state with the default taxonomy's groups. */
export function emptyState(): UserState {
  return createEmptyState(['eating-disorder', 'self-harm', 'suicide']);
}

/** The state after one more impression at time `at` (a new user starts empty). */
export function seen(state: UserState | undefined, at: number): UserState {
  const s = state ?? emptyState();
  return {
    ...s,
    impressions: s.impressions + 1,
    lastAt: at,
    session: { startedAt: s.session.startedAt ?? at, impressions: s.session.impressions + 1 },
  };
}
