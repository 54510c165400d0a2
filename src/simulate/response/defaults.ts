import { FITTED } from '../calibration/fitted.js';
import type { ResponseConstants } from './ResponseConstants.js';

/**
 * The default response constants: the values the offline calibration fitted to public audits of
 * harmful recommendation (CCDH 2022, Amnesty 2023 and 2025, Molly Rose Foundation 2025,
 * Griffiths et al. 2024, Hosseinmardi et al. 2024, Tomlein et al. 2021), each target under its
 * own protocol. `calibrate()` reproduces the table of targets, bands and simulated values;
 * docs/simulation.md says which targets the model reaches and which it does not.
 *
 * @example
 * ```ts
 * import { DEFAULT_RESPONSE, simulate } from 'feed-rebalancer/simulate';
 * const report = await simulate({
 *   scenario: 'rabbit-hole',
 *   policy: 'off',
 *   seed: 1,
 *   users: 20,
 *   steps: 60,
 *   response: { damage: DEFAULT_RESPONSE.damage * 2 },
 * });
 * ```
 */
export const DEFAULT_RESPONSE: ResponseConstants = Object.freeze({ ...FITTED.response });
