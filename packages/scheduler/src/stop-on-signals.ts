import { constants } from 'node:os';
import type { StopOptions } from '@dotflow/core';

/**
 * What {@link stopOnSignals} stops: a `ScheduleHandle`, a `CronScheduler`, or anything with the same `stop()`.
 *
 * @example
 * ```ts
 * const both: Stoppable = { stop: (options) => Promise.all([a.stop(options), b.stop(options)]).then(() => undefined) };
 * stopOnSignals(both);
 * ```
 */
export interface Stoppable {
  /** No more triggers; resolves when the runs going on ended (cancelled after `graceMs`). */
  stop(options?: StopOptions): Promise<void>;
}

/**
 * The options of {@link stopOnSignals}.
 *
 * @example
 * ```ts
 * const options: StopOnSignalsOptions = { graceMs: 10_000, signals: ['SIGTERM'] };
 * stopOnSignals(handle, options);
 * ```
 */
export interface StopOnSignalsOptions {
  /** How long the runs going on may take before they are cancelled. @defaultValue 30_000 */
  readonly graceMs?: number;
  /** The signals that stop. @defaultValue ['SIGINT', 'SIGTERM'] */
  readonly signals?: readonly NodeJS.Signals[];
  /**
   * Called with the exit code (128 + the signal's number: 130 for SIGINT, 143 for SIGTERM) once
   * the stop resolved, or `false` to leave the process to exit by itself (it sets
   * `process.exitCode` either way). @defaultValue process.exit
   */
  readonly exit?: ((code: number) => void) | false;
  /** Called when the stop itself rejects (the process still exits). @defaultValue console.error */
  readonly onError?: (error: unknown) => void;
}

/**
 * Stops `target` gracefully on SIGINT or SIGTERM: no more triggers, the runs going on get
 * `graceMs`, then are cancelled; then the process exits with 128 + the signal's number. The
 * listeners go at the first signal, so a second Ctrl-C kills the process at once, as Node does
 * by default. Returns a function that removes the listeners without stopping anything.
 *
 * @example
 * ```ts
 * const handle = await flow.schedule();
 * stopOnSignals(handle, { graceMs: 5_000 }); // Ctrl-C: runs get 5 s, then the process exits 130
 * ```
 */
export function stopOnSignals(target: Stoppable, options: StopOnSignalsOptions = {}): () => void {
  const { graceMs, signals = ['SIGINT', 'SIGTERM'], exit = (code: number) => process.exit(code), onError = defaultOnError } = options;
  const remove = (): void => {
    for (const signal of signals) process.removeListener(signal, listener);
  };
  function listener(signal: NodeJS.Signals): void {
    remove();
    const code = 128 + (constants.signals[signal] ?? 0);
    process.exitCode = code;
    const stopped = graceMs === undefined ? target.stop() : target.stop({ graceMs });
    void stopped.catch(onError).then(() => {
      if (exit !== false) exit(code);
    });
  }
  for (const signal of signals) process.on(signal, listener);
  return remove;
}

function defaultOnError(error: unknown): void {
  console.error('stopOnSignals: stopping the schedule failed', error);
}
