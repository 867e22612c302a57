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
  /** The task's name: the `name` option, or the method or function name. */
  readonly name: string;
  /** The task's group (`'default'` unless set). */
  readonly group: string;
  /** The workflow's id. */
  readonly workflowId: string;
  /** Where the task is now. */
  readonly status: TaskStatus;
  /** The attempt now running or last run (0 before the first). */
  readonly attempt: number;
  /** Failed attempts that were followed by another (attempts − 1 once done). */
  readonly retryCount: number;
  /** Every failed attempt, oldest first. */
  readonly errors: readonly TaskError[];
  /** The task's input: `task.add({ initialContext })`, or `start({ initialContext })`. */
  readonly initialContext: Context;
  /** The previous task's context in its chain (empty for the first task). */
  readonly previousContext: Context;
  /** What the step returned; empty (`storage: null`) until it completes and after a failure. */
  readonly currentContext: Context;
  /** When the first attempt started; null before. */
  readonly startedAt: Date | null;
  /** When the task reached its final status; null before. */
  readonly finishedAt: Date | null;
  /** Time from start to final status, retries and waits included, in ms (null until then). */
  readonly duration: number | null;
}

/**
 * Turns a thrown value into a {@link TaskError}; classified by type, never by message. Total: it
 * never throws, whatever was thrown (`null`, a symbol, a null-prototype object, an object whose
 * `toString` or `name`/`message`/`stack` getters throw, a revoked or throwing Proxy); a part that
 * cannot be read falls back on its own, so the others are kept.
 *
 * @example
 * ```ts
 * toTaskError(new TypeError('bad'), 1); // { attempt: 1, exception: 'TypeError', message: 'bad', stack: '…' }
 * ```
 */
export function toTaskError(error: unknown, attempt: number): TaskError {
  const isError = tryRead(() => error instanceof Error, false);
  return {
    attempt,
    exception: tryRead(() => exceptionOf(error, isError), 'unknown'),
    message: tryRead(() => (isError ? textOf((error as Error).message) : String(error)), undefined) ?? describe(error),
    stack: isError ? tryRead(() => textOf((error as Error).stack), '') : '',
  };
}

function exceptionOf(error: unknown, isError: boolean): string {
  if (error === null) return 'null';
  if (typeof error !== 'object') return typeof error;
  const name = isError ? tryRead(() => (error as Error).name, undefined) : undefined;
  if (typeof name === 'string' && name !== '') return name;
  const ctor = tryRead(() => (error as { constructor?: { name?: unknown } }).constructor?.name, undefined);
  return typeof ctor === 'string' && ctor !== '' ? ctor : isError ? 'Error' : 'Object';
}

/** A string as it is; anything else (a non-string `message` or `stack`) as `String()` gives it, `''` for none. */
function textOf(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a message that is not a string, whatever it is
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** The message of a value `String()` cannot convert: `[object Object]` as for any plain object, if even that can be read. */
function describe(error: unknown): string {
  return tryRead(() => Object.prototype.toString.call(error), '[a value that cannot be converted to a string]');
}

/** `read()`, or `fallback` when it throws. */
function tryRead<T, F>(read: () => T, fallback: F): T | F {
  try {
    return read();
  } catch {
    return fallback;
  }
}
