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
  New: 'New',
  InProgress: 'In progress',
  Completed: 'Completed',
  Failed: 'Failed',
  Cancelled: 'Cancelled',
} as const;

/** One of the {@link WorkflowStatus} strings. */
export type WorkflowStatus = (typeof WorkflowStatus)[keyof typeof WorkflowStatus];
