import type { Context } from './context';

/** Who is running: the task's identity and the attempt number, as seen by a step. */
export interface StepTaskInfo {
  /** The task's id: its name, suffixed `#2`, `#3`… for a repeated step. */
  readonly taskId: string;
  /** The task's name. */
  readonly name: string;
  /** The task's group. */
  readonly group: string;
  /** 1 for the first attempt, 2 for the first retry… */
  readonly attempt: number;
  /** The workflow's id. */
  readonly workflowId: string;
}

/**
 * The one argument every step receives. `P` types the previous task's result, `I` the initial context.
 *
 * @example
 * ```ts
 * @Action({ timeout: 5_000 })
 * async load({ previousContext, signal }: StepContext<{ rows: Row[] }>) {
 *   await db.insert(previousContext.storage.rows, { signal });
 * }
 * ```
 */
export interface StepContext<P = unknown, I = unknown> {
  /** The previous task's context in this chain (empty for the first task). */
  readonly previousContext: Context<P>;
  /** The task's own input: `task.add({ initialContext })` or `start({ initialContext })`. */
  readonly initialContext: Context<I>;
  /** Aborted when the attempt times out or the run is cancelled: pass it to fetch, timers, etc. */
  readonly signal: AbortSignal;
  /** Who is running: the task and the attempt. */
  readonly task: StepTaskInfo;
}
