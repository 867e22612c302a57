import type { TaskStatus } from '../status/task-status';
import type { WorkflowStatus } from '../status/workflow-status';
import type { TaskError } from '../task/task';

/** A status change of a whole run. */
export interface WorkflowEvent {
  /** Always `'workflow'`. */
  readonly type: 'workflow';
  /** The workflow's id. */
  readonly workflowId: string;
  /** The run this event belongs to (UUID v7: sortable by start time). */
  readonly runId: string;
  /** The workflow's name. */
  readonly name: string;
  /** The run's new status. */
  readonly status: WorkflowStatus;
  /** When the status changed (the workflow clock's time). */
  readonly at: Date;
  /** On the final event: the run's duration in ms. */
  readonly duration?: number;
}

/** A status change of one task. */
export interface TaskEvent {
  /** Always `'task'`. */
  readonly type: 'task';
  /** The workflow's id. */
  readonly workflowId: string;
  /** The run this event belongs to. */
  readonly runId: string;
  /** The task's id: its name, suffixed `#2`, `#3`… for a repeated step. */
  readonly taskId: string;
  /** The task's name. */
  readonly name: string;
  /** The task's group (`'default'` unless set). */
  readonly group: string;
  /** The task's new status. */
  readonly status: TaskStatus;
  /** The attempt the status belongs to: 1 for the first, 2 for the first retry… (0 before the first). */
  readonly attempt: number;
  /** When the status changed (the workflow clock's time). */
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
  /** Always `'error'`. */
  readonly type: 'error';
  /** The workflow's id. */
  readonly workflowId: string;
  /** The run whose callback threw. */
  readonly runId: string;
  /** The task's name (for `source: 'callback'`), else the workflow's. */
  readonly name: string;
  /** Never set: an error event is not a status change (present so `e.status` reads on any event). */
  readonly status?: undefined;
  /** Which callback threw: a task's `callback`, or the run's `onSuccess` or `onFailure`. */
  readonly source: 'callback' | 'onSuccess' | 'onFailure';
  /** The task whose callback threw (for `source: 'callback'`). */
  readonly taskId?: string;
  /** What the callback threw. */
  readonly error: TaskError;
  /** When the callback threw. */
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
  /** Always `'schedule'`. */
  readonly type: 'schedule';
  /** The scheduled workflow's id. */
  readonly workflowId: string;
  /** The workflow's name. */
  readonly name: string;
  /** Never set: a schedule event is not a status change (present so `e.status` reads on any event). */
  readonly status?: undefined;
  /** What the scheduler did with the trigger. */
  readonly action: ScheduleAction;
  /** The time the trigger was due. */
  readonly scheduledAt: Date;
  /** With `triggered`: the run it started. */
  readonly runId?: string;
  /** When the scheduler decided. */
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
