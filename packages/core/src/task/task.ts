import type { Context } from '../context/context';
import type { TaskStatus } from '../status/task-status';

/**
 * One failed attempt of a task.
 *
 * @example
 * ```ts
 * for (const e of task.errors) console.log(e.attempt, e.exception, e.message);
 * ```
 */
export interface TaskError {
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  /** The error's class name, e.g. `'TypeError'` or `'TaskTimeoutError'`. */
  readonly exception: string;
  /** The error's message. */
  readonly message: string;
  /** The error's stack trace (`''` when the thrown value had none). */
  readonly stack: string;
}

/**
 * A task of a run: its identity, status, attempts, errors and contexts.
 *
 * @example
 * ```ts
 * for (const task of flow.resultTask()) console.log(`Task ${task.taskId}: ${task.status}`);
 * ```
 */
export interface Task {
  /** Stable id: the name, suffixed `#2`, `#3`… when the same step is added again. */
  readonly taskId: string;
  readonly name: string;
  readonly group: string;
  readonly workflowId: string;
  readonly status: TaskStatus;
  /** The attempt now running or last run (0 before the first). */
  readonly attempt: number;
  /** Failed attempts that were followed by another (attempts − 1 once done). */
  readonly retryCount: number;
  readonly errors: readonly TaskError[];
  readonly initialContext: Context;
  readonly previousContext: Context;
  /** What the step returned; empty (`storage: null`) until it completes and after a failure. */
  readonly currentContext: Context;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** Time from start to final status, retries and waits included, in ms (null until then). */
  readonly duration: number | null;
}

/** Turns a thrown value into a {@link TaskError}; classified by type, never by message. */
export function toTaskError(error: unknown, attempt: number): TaskError {
  if (error instanceof Error) {
    return { attempt, exception: error.name || error.constructor.name, message: error.message, stack: error.stack ?? '' };
  }
  const exception = error === null ? 'null' : typeof error === 'object' ? (error.constructor?.name ?? 'Object') : typeof error;
  return { attempt, exception, message: String(error), stack: '' };
}
