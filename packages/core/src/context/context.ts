/** The fields of a {@link Context}; `time` defaults to now. */
export interface ContextInit<T> {
  /** The value. */
  readonly storage: T;
  /** The task that produced it. @defaultValue '' */
  readonly taskId?: string;
  /** The workflow that produced it. @defaultValue '' */
  readonly workflowId?: string;
  /** When it was produced. @defaultValue new Date() */
  readonly time?: Date;
}

/**
 * A value flowing between tasks: what a task returned (`storage`), which task and workflow
 * produced it, and when. An empty context (`storage: null`) is the previous context of a chain's
 * first task and the current context of a failed task.
 *
 * @example
 * ```ts
 * const ctx = new Context({ storage: { users: 3 }, taskId: 'extract', workflowId: 'etl' });
 * ctx.storage.users; // 3
 * ```
 */
export class Context<T = unknown> {
  /** The value: the step's return value, or the initial context given to the task. */
  public readonly storage: T;
  /** The task that produced the value (`''` when none). */
  public readonly taskId: string;
  /** The workflow that produced the value. */
  public readonly workflowId: string;
  /** When the value was produced. */
  public readonly time: Date;

  public constructor(init: ContextInit<T>) {
    this.storage = init.storage;
    this.taskId = init.taskId ?? '';
    this.workflowId = init.workflowId ?? '';
    this.time = init.time ?? new Date();
  }

  /** An empty context (`storage: null`) for a workflow. */
  public static empty(workflowId = '', taskId = '', time?: Date): Context<null> {
    return new Context<null>({ storage: null, taskId, workflowId, ...(time ? { time } : {}) });
  }

  /** A JSON form: `storage` as given, `time` as an ISO string. */
  public toJSON(): {
    /** The value, as given. */
    storage: T;
    /** The task that produced it. */
    taskId: string;
    /** The workflow that produced it. */
    workflowId: string;
    /** When it was produced (ISO 8601, UTC). */
    time: string;
  } {
    return { storage: this.storage, taskId: this.taskId, workflowId: this.workflowId, time: this.time.toISOString() };
  }
}
