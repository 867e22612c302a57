import type { TaskStatus } from '../status/task-status';
import type { WorkflowStatus } from '../status/workflow-status';
import type { TaskError } from '../task/task';

/** A status change of a whole run. */
export interface WorkflowEvent {
  readonly type: 'workflow';
  readonly workflowId: string;
  /** The run this event belongs to (UUID v7: sortable by start time). */
  readonly runId: string;
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
  /** The run this event belongs to. */
  readonly runId: string;
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
  /** The run whose callback threw. */
  readonly runId: string;
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

/** What a scheduler did with one trigger of a scheduled workflow. */
export type ScheduleAction = 'triggered' | 'skipped' | 'queued' | 'dropped';

/**
 * A trigger of a scheduled workflow: run (`triggered`, with the run's id), not run because a run
 * was going on (`skipped`), kept to run after it (`queued`), or given up (`dropped`, e.g. a queue
 * or parallel limit was full, or the schedule stopped).
 */
export interface ScheduleEvent {
  readonly type: 'schedule';
  readonly workflowId: string;
  /** The workflow's name. */
  readonly name: string;
  /** Never set: a schedule event is not a status change (present so `e.status` reads on any event). */
  readonly status?: undefined;
  readonly action: ScheduleAction;
  /** The time the trigger was due. */
  readonly scheduledAt: Date;
  /** With `triggered`: the run it started. */
  readonly runId?: string;
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
export type DotflowEvent = WorkflowEvent | TaskEvent | CallbackErrorEvent | ScheduleEvent;
