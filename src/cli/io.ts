/**
 * The command's view of the outside world. Every subcommand writes through a `CliIo` rather than
 * to `process` directly, so the whole command runs in-process under test with captured output.
 */

/**
 * Where a subcommand writes, which directory relative paths are resolved against, and whether a
 * person is watching stderr.
 *
 * @internal
 */
export interface CliIo {
  /** Writes text to standard output (results: the summary table). */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error (progress, warnings, error messages). */
  readonly stderr: (text: string) => void;
  /** The working directory; relative paths in arguments are resolved against it. */
  readonly cwd: string;
  /** Whether stderr is an interactive terminal; the progress bar is drawn only then (or on request). */
  readonly stderrIsTty: boolean;
  /** A millisecond clock, read only to decide when progress is worth drawing. */
  readonly now: () => number;
}

/**
 * The `CliIo` of the running process: its stdout, stderr, working directory and clock.
 *
 * @returns the process's streams and working directory
 * @internal
 */
export function processIo(): CliIo {
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    cwd: process.cwd(),
    stderrIsTty: process.stderr.isTTY,
    now: () => performance.now(),
  };
}
