import { RebalanceError } from '../../errors/RebalanceError.js';
import { describeValue } from '../../errors/describe.js';
import { isNoScriptError, type Script } from './scripts.js';

/** The commands the store sends, typed as it uses them (ioredis `Redis` and `Cluster` alike). @internal */
export interface Commands {
  evalsha(sha: string, keys: number, ...args: string[]): Promise<unknown>;
  eval(script: string, keys: number, ...args: string[]): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
}

/**
 * Runs a script by its SHA, and in full when the node answering has not cached it (NOSCRIPT:
 * after a restart, a failover, or on a cluster node that never ran it; EVAL caches it there).
 * With a `Cluster` client both go to the node of the first key's slot, and all keys of a call
 * share that slot. Any failure becomes a `store` error.
 *
 * @param client - the client
 * @param api - the calling API, for messages
 * @param script - the script
 * @param keys - its keys
 * @param args - its arguments
 * @returns the script's reply
 * @throws RebalanceError with code `store`
 * @internal
 */
export async function runScript(
  client: Commands,
  api: string,
  script: Script,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!isNoScriptError(error)) throw storeError(api, error);
  }
  return send(api, () => client.eval(script.source, keys.length, ...keys, ...args));
}

/**
 * Sends a command, turning any failure into a `store` error that wraps the cause.
 *
 * @param api - the calling API, for messages
 * @param command - sends the command
 * @returns its reply
 * @throws RebalanceError with code `store`
 * @internal
 */
export async function send<T>(api: string, command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw storeError(api, error);
  }
}

function storeError(api: string, cause: unknown): RebalanceError {
  const reason = cause instanceof Error ? cause.message.slice(0, 200) : describeValue(cause);
  return new RebalanceError('store', `${api}: the Redis command failed (${reason})`, undefined, {
    cause,
  });
}
