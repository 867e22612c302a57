import { defaultMode } from '../executor/modes/select-mode';
import type { ExecutionMode } from '../options/execution-mode';
import type { TaskDefinition } from '../plan/task-definition';

/** A task's resolved action options as plain JSON (`Infinity` as null). */
export interface TaskOptionsJson {
  /** Attempts in all. */
  readonly retry: number;
  /** Time limit of one attempt in ms; 0 = none. */
  readonly timeout: number;
  /** Wait before the next attempt, in ms. */
  readonly retryDelay: number;
  /** The backoff, or null for none. */
  readonly backoff: {
    /** Growth factor of the delay per failed attempt. */
    readonly factor: number;
    /** Upper bound of one delay in ms; null for none (`Infinity`). */
    readonly maxDelay: number | null;
    /** Whether each delay is drawn from [0, delay]. */
    readonly jitter: boolean;
  } | null;
  /** `'worker'`, or null when the step runs in the calling thread. */
  readonly isolate: 'worker' | null;
}

/** One task of a plan, as plain JSON. */
export interface TaskPlanJson {
  /** The task's id. */
  readonly taskId: string;
  /** The task's name. */
  readonly name: string;
  /** The task's group. */
  readonly group: string;
  /** The step's options, defaults applied. */
  readonly options: TaskOptionsJson;
  /** True when it was added with its own initial context. */
  readonly ownInitialContext: boolean;
  /** True when it was added with a `callback`. */
  readonly callback: boolean;
}

/** What `describe()` returns: the plan of the next run, without running anything. */
export interface WorkflowPlanJson {
  /** The workflow's id. */
  readonly workflowId: string;
  /** The workflow's name. */
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
