/**
 * The statuses a task goes through (Dotflow's strings).
 *
 * @example
 * ```ts
 * if (task.status === TaskStatus.Failed) console.error(task.errors);
 * ```
 */
export const TaskStatus = {
  /** Not run yet in this run. */
  NotStarted: 'Not started',
  /** An attempt is running. */
  InProgress: 'In progress',
  /** The step returned; its result is the current context. */
  Completed: 'Completed',
  /** Dotflow's status for a task held between attempts; kept for compatibility: no executor of this package sets it. */
  Paused: 'Paused',
  /** An attempt failed and another follows after `retryDelay`. */
  Retry: 'Retry',
  /** The last attempt failed (or the task could not be run); `errors` says why. */
  Failed: 'Failed',
  /** Restored from a checkpoint instead of being run. */
  Skipped: 'Skipped',
  /** The run was cancelled before or while the task ran. */
  Cancelled: 'Cancelled',
} as const;

/** One of the {@link TaskStatus} strings. */
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

const SYMBOLS: Readonly<Record<TaskStatus, string>> = {
  'Not started': '⚪',
  'In progress': '🔵',
  Completed: '✅',
  Paused: '◼️',
  Retry: '❗',
  Failed: '❌',
  Skipped: '⏭️',
  Cancelled: '⛔',
};

/**
 * The symbol Dotflow shows for a status (⚪ 🔵 ✅ ◼️ ❗ ❌, plus ⏭️ and ⛔).
 *
 * @example
 * ```ts
 * statusSymbol(TaskStatus.Completed); // '✅'
 * ```
 */
export function statusSymbol(status: TaskStatus): string {
  return SYMBOLS[status];
}
