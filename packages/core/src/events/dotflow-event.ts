import type { TaskStatus } from '../status/task-status';
import type { WorkflowStatus } from '../status/workflow-status';
import type { TaskError } from '../task/task';

/** A status change of a whole run. */
export interface WorkflowEvent {
  readonly type: 'workflow';
  readonly workflowId: string;
  readonly name: string;
  readonly status: WorkflowStatus;
  readonly at: Date;
  /** On the final event: the run's duration in ms. */
  readonly duration?: number;
}

/** A status change of one task. */
export interface TaskEvent {
  readonly type: 'task';
  readonly workflowId: string;
  readonly taskId: string;
  readonly name: string;
  readonly group: string;
  readonly status: TaskStatus;
  readonly attempt: number;
  readonly at: Date;
  /** On final events: the task's duration in ms. */
  readonly duration?: number;
  /** On `Retry` and `Failed`: the error of the attempt that failed. */
  readonly error?: TaskError;
  /** On `Completed` and `Skipped`: the task's result. */
  readonly storage?: unknown;
}

/** A callback given by the user (`task.add({ callback })`, `onSuccess`, `onFailure`) threw; the run went on. */
export interface CallbackErrorEvent {
  readonly type: 'error';
  readonly workflowId: string;
  /** The task's name (for `source: 'callback'`), else the workflow's. */
  readonly name: string;
  /** Never set: an error event is not a status change (present so `e.status` reads on any event). */
  readonly status?: undefined;
  readonly source: 'callback' | 'onSuccess' | 'onFailure';
  /** The task whose callback threw (for `source: 'callback'`). */
  readonly taskId?: string;
  readonly error: TaskError;
  readonly at: Date;
}

/**
 * Everything a run reports, discriminated by `type`.
 *
 * @example
 * ```ts
 * flow.events$.subscribe((e) => {
 *   if (e.type === 'task') console.log(e.name, e.status, e.attempt);
 * });
 * ```
 */
export type DotflowEvent = WorkflowEvent | TaskEvent | CallbackErrorEvent;
