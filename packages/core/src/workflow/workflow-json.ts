import type { Context } from '../context/context';
import { toJsonValue } from '../internal/to-json';
import type { TaskStatus } from '../status/task-status';
import type { WorkflowStatus } from '../status/workflow-status';
import type { Task, TaskError } from '../task/task';

/** A {@link Context} as plain JSON. */
export interface ContextJson {
  readonly storage: unknown;
  readonly taskId: string;
  readonly workflowId: string;
  readonly time: string;
}

/** A {@link Task} as plain JSON (dates as ISO strings). */
export interface TaskJson {
  readonly taskId: string;
  readonly name: string;
  readonly group: string;
  readonly workflowId: string;
  readonly status: TaskStatus;
  readonly attempt: number;
  readonly retryCount: number;
  readonly errors: readonly TaskError[];
  readonly initialContext: ContextJson;
  readonly previousContext: ContextJson;
  readonly currentContext: ContextJson;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly duration: number | null;
}

/** What `result()` returns: the last run as plain JSON. */
export interface WorkflowJson {
  readonly workflowId: string;
  /** The last run's id; null before the first run. */
  readonly runId: string | null;
  readonly name: string;
  /** `New` before the first run. */
  readonly status: WorkflowStatus;
  /** In ms; null before the first run ends. */
  readonly duration: number | null;
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
