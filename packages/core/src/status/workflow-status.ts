/**
 * The statuses of a whole run.
 *
 * @example
 * ```ts
 * const result = await flow.start();
 * if (result.status === WorkflowStatus.Failed) process.exitCode = 1;
 * ```
 */
export const WorkflowStatus = {
  /** Not run yet. */
  New: 'New',
  /** Running. */
  InProgress: 'In progress',
  /** Every task completed (or was skipped from its checkpoint). */
  Completed: 'Completed',
  /** A task failed (with `keepGoing`, the others still ran). */
  Failed: 'Failed',
  /** The run was cancelled (its signal, `BackgroundRun.cancel()`, or an unsubscribed `run$()`) and no task failed. */
  Cancelled: 'Cancelled',
} as const;

/** One of the {@link WorkflowStatus} strings. */
export type WorkflowStatus = (typeof WorkflowStatus)[keyof typeof WorkflowStatus];
