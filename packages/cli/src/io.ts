/** Where a command writes, and what it knows of its terminal: the process's, or a test's. */
export interface CliIo {
  /** Writes to stdout. */
  readonly out: (text: string) => void;
  /** Writes to stderr. */
  readonly err: (text: string) => void;
  /** True when stdout is a terminal that should get the live view (no `CI`, no `NO_COLOR`). */
  readonly live: boolean;
  /** The terminal's width in columns, when known. */
  readonly columns?: number;
  /** The folder relative paths are resolved from. */
  readonly cwd: string;
}

/**
 * The {@link CliIo} of the current process.
 *
 * @example
 * ```ts
 * process.exitCode = await startCommand('src/workflow.ts', {}, processIo());
 * ```
 */
export function processIo(): CliIo {
  const env = process.env;
  const live = process.stdout.isTTY === true && !env.CI && env.NO_COLOR === undefined;
  return {
    out: (text) => { process.stdout.write(text); },
    err: (text) => { process.stderr.write(text); },
    live,
    columns: process.stdout.columns,
    cwd: process.cwd(),
  };
}
