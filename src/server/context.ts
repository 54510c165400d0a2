import type { FastifyRequest } from 'fastify';
import type { Rebalancer } from '../index.js';
import type { TextScanner } from './prc/rankPrc.js';
import type { ResolvedServerLimits } from './limits.js';
import type { ServerMetrics } from './metrics/serverMetrics.js';
import type { PrcRecoveryItem } from './prc/prcTypes.js';
import type { UserStates } from './store/userStates.js';

/**
 * What the routes of one server share: the rebalancer, the users' states, the metrics, the
 * limits and the clock.
 *
 * @internal
 */
export interface ServerContext {
  readonly rb: Rebalancer;
  readonly states: UserStates;
  readonly metrics: ServerMetrics;
  readonly limits: ResolvedServerLimits;
  /** The clock for requests that give no time (ms since the epoch). */
  readonly now: () => number;
  /** Recovery items with URLs for challenge feeds. */
  readonly prcPool: readonly PrcRecoveryItem[];
  /**
   * Scans challenge texts with the term matcher the rebalancer built, remembering recent ones
   * (`null` if it built none).
   */
  readonly textTopics: TextScanner | null;
  /** Resolves when the state store answers; rejects otherwise. */
  readonly checkStore: () => Promise<unknown>;
  /** Records whose request this is, for the request's log line (kept as a keyed hash). */
  readonly noteUser: (request: FastifyRequest, userId: string) => void;
}
