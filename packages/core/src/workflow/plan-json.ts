import { defaultMode } from '../executor/modes/select-mode';
import type { ExecutionMode } from '../options/execution-mode';
import type { TaskDefinition } from '../plan/task-definition';

/** A task's resolved action options as plain JSON (`Infinity` as null). */
export interface TaskOptionsJson {
  readonly retry: number;
  readonly timeout: number;
  readonly retryDelay: number;
  readonly backoff: { readonly factor: number; readonly maxDelay: number | null; readonly jitter: boolean } | null;
  readonly isolate: 'worker' | null;
}

/** One task of a plan, as plain JSON. */
export interface TaskPlanJson {
  readonly taskId: string;
  readonly name: string;
  readonly group: string;
  readonly options: TaskOptionsJson;
  /** True when it was added with its own initial context. */
  readonly ownInitialContext: boolean;
  /** True when it was added with a `callback`. */
  readonly callback: boolean;
}

/** What `describe()` returns: the plan of the next run, without running anything. */
export interface WorkflowPlanJson {
  readonly workflowId: string;
  readonly name: string;
  /** The mode a run without `mode` uses (`parallel_group` when tasks span several groups). */
  readonly mode: ExecutionMode;
  /** In run order. */
  readonly tasks: readonly TaskPlanJson[];
}

/** The plan as plain JSON. */
export function planJson(workflowId: string, name: string, tasks: readonly TaskDefinition[]): WorkflowPlanJson {
  return {
    workflowId,
    name,
    mode: defaultMode(tasks),
    tasks: tasks.map((t) => {
      const { retry, timeout, retryDelay, backoff, isolate } = t.options;
      return {
        taskId: t.taskId,
        name: t.name,
        group: t.group,
        options: {
          retry,
          timeout,
          retryDelay,
          backoff: backoff === null ? null : { factor: backoff.factor, maxDelay: Number.isFinite(backoff.maxDelay) ? backoff.maxDelay : null, jitter: backoff.jitter },
          isolate: isolate ?? null,
        },
        ownInitialContext: t.initialContext !== undefined,
        callback: t.callback !== undefined,
      };
    }),
  };
}
