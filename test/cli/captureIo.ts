/** A CliIo that records what a command writes, for in-process tests. */
import type { CliIo } from '../../src/cli/io.js';

export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function captureIo(
  cwd: string,
  options: { stderrIsTty?: boolean; now?: () => number } = {},
): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    cwd,
    stderrIsTty: options.stderrIsTty ?? false,
    now: options.now ?? (() => 0),
    out: () => out,
    err: () => err,
  };
}

/** A clock that advances `stepMs` on every read. */
export function steppingClock(stepMs: number): () => number {
  let t = 0;
  return () => (t += stepMs);
}
