/**
 * A usage error: a bad flag value, a missing file or export, invalid JSON. The CLI prints its
 * message as one line on stderr and exits with status 2.
 *
 * @example
 * ```ts
 * try { parseStartFlags({ concurrency: '0' }, process.cwd()); }
 * catch (e) { if (e instanceof UsageError) console.error(e.message); } // Invalid --concurrency '0': expected an integer >= 1
 * ```
 */
export class UsageError extends Error {
  /** Always `'UsageError'`. */
  public override readonly name = 'UsageError';
}

/** The exit statuses of the `dotflow` command. */
export const ExitCode = {
  /** The run completed (or the command did what it was asked). */
  Ok: 0,
  /** The run failed or was cancelled. */
  Failed: 1,
  /** A usage error: see {@link UsageError}. */
  Usage: 2,
  /** The run was interrupted with Ctrl-C (SIGINT). */
  Interrupted: 130,
  /** A schedule stopped by SIGTERM. */
  Terminated: 143,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
