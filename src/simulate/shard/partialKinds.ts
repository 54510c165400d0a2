import type { PartialKind } from './PartialResult.js';
import { REPLAY_KIND } from './replayKind.js';
import { COMPARE_KIND, SIMULATE_KIND } from './runKinds.js';
import { TUNE_KIND } from './tuneKind.js';

/**
 * The kinds of partial result the merge reads, by the `kind` a partial names. Adding a sharded
 * command is one entry here: its `open` re-resolves the partial's `run` and says how its units
 * read and how the merged report is built.
 *
 * @internal
 */
export const PARTIAL_KINDS: ReadonlyMap<string, PartialKind> = new Map<string, PartialKind>([
  ['simulate', SIMULATE_KIND],
  ['compare', COMPARE_KIND],
  ['replay', REPLAY_KIND],
  ['tune', TUNE_KIND],
]);
