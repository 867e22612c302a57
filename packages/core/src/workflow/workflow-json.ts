import type { Context } from '../context/context';
import { toJsonValue } from '../internal/to-json';
import type { TaskStatus } from '../status/task-status';
import type { WorkflowStatus } from '../status/workflow-status';
import type { Task, TaskError } from '../task/task';

/** A {@link Context} as plain JSON. */
export interface ContextJson {
  /** The value, as a JSON-safe copy (BigInt as a string, Map as an object, Set as an array, a cycle as `'[Circular]'`). */
  readonly storage: unknown;
  /** The task that produced it (`''` when none). */
  readonly taskId: string;
  /** The workflow that produced it. */
  readonly workflowId: string;
  /** When it was produced (ISO 8601, UTC). */
  readonly time: string;
}

/** A {@link Task} as plain JSON (dates as ISO strings). */
export interface TaskJson {
  /** The task's id. */
  readonly taskId: string;
  /** The task's name. */
  readonly name: string;
  /** The task's group. */
  readonly group: string;
  /** The workflow's id. */
  readonly workflowId: string;
  /** The task's status. */
  readonly status: TaskStatus;
  /** The attempt last run (0 before the first). */
  readonly attempt: number;
  /** Failed attempts that were followed by another. */
  readonly retryCount: number;
  /** Every failed attempt, oldest first. */
  readonly errors: readonly TaskError[];
  /** The task's input. */
  readonly initialContext: ContextJson;
  /** The previous task's context. */
  readonly previousContext: ContextJson;
  /** What the step returned (`storage: null` until it completes). */
  readonly currentContext: ContextJson;
  /** When it started (ISO 8601), or null. */
  readonly startedAt: string | null;
  /** When it ended (ISO 8601), or null. */
  readonly finishedAt: string | null;
  /** Time from start to final status in ms, or null. */
  readonly duration: number | null;
}

/** What `result()` returns: the last run as plain JSON. */
export interface WorkflowJson {
  /** The workflow's id. */
  readonly workflowId: string;
  /** The last run's id; null before the first run. */
  readonly runId: string | null;
  /** The workflow's name. */
  readonly name: string;
  /** `New` before the first run. */
  readonly status: WorkflowStatus;
  /** In ms; null before the first run ends. */
  readonly duration: number | null;
  /** Every task of the last run, in plan order (not started ones before any run). */
  readonly tasks: readonly TaskJson[];
}

/** A context as plain JSON. */
export function contextJson(context: Context): ContextJson {
  return {
    storage: toJsonValue(context.storage),
    taskId: context.taskId,
    workflowId: context.workflowId,
    time: context.time.toISOString(),
  };
}

/** A task as plain JSON. */
export function taskJson(task: Task): TaskJson {
  return {
    taskId: task.taskId,
    name: task.name,
    group: task.group,
    workflowId: task.workflowId,
    status: task.status,
    attempt: task.attempt,
    retryCount: task.retryCount,
    errors: task.errors.map((e) => ({ ...e })),
    initialContext: contextJson(task.initialContext),
    previousContext: contextJson(task.previousContext),
    currentContext: contextJson(task.currentContext),
    startedAt: task.startedAt?.toISOString() ?? null,
    finishedAt: task.finishedAt?.toISOString() ?? null,
    duration: task.duration,
  };
}
