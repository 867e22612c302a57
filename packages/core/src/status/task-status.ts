/**
 * The statuses a task goes through (Dotflow's strings).
 *
 * @example
 * ```ts
 * if (task.status === TaskStatus.Failed) console.error(task.errors);
 * ```
 */
export const TaskStatus = {
  NotStarted: 'Not started',
  InProgress: 'In progress',
  Completed: 'Completed',
  Paused: 'Paused',
  Retry: 'Retry',
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

/** The symbol Dotflow shows for a status (⚪ 🔵 ✅ ◼️ ❗ ❌, plus ⏭️ and ⛔). */
export function statusSymbol(status: TaskStatus): string {
  return SYMBOLS[status];
}
