import { RebalanceError } from '../index.js';
import { describeValue } from '../errors/describe.js';
import type { Shard } from '../simulate/index.js';
import { MAX_SHARDS } from '../simulate/shard/Shard.js';

/**
 * Reads `--shard i/n`: shard `i` of `n`, numbered from 0 — as a Kubernetes Indexed Job's
 * `JOB_COMPLETION_INDEX` is; a 1-based index (a Slurm array `--array=1-n`) is written
 * `$((SLURM_ARRAY_TASK_ID - 1))/n`.
 *
 * @param command - the command, for messages
 * @param text - the option's value
 * @returns the shard
 * @throws RebalanceError with code `argument` and path `shard`
 * @internal
 */
export function readShardFlag(command: string, text: string): Shard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  if (match === null)
    throw new RebalanceError(
      'argument',
      `${command}: --shard must be i/n, shard i of n numbered from 0, such as 0/4 (got ${describeValue(text)})`,
      'shard',
    );
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS)
    throw new RebalanceError(
      'argument',
      `${command}: --shard i/n needs n, the number of shards, in [1, ${MAX_SHARDS}] (got ${describeValue(text)})`,
      'shard',
    );
  if (index >= count)
    throw new RebalanceError(
      'argument',
      `${command}: --shard i/n numbers shards from 0, so i must be at most ${count - 1} (got ${describeValue(text)}); for a 1-based array index write $((SLURM_ARRAY_TASK_ID - 1))/${count}`,
      'shard',
    );
  return { index, count };
}
