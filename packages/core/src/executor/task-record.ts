import { Context } from '../context/context';
import type { RestoredCheckpoint } from '../checkpoint/checkpoint';
import type { TaskEvent } from '../events/dotflow-event';
import type { TaskDefinition } from '../plan/task-definition';
import { TaskStatus } from '../status/task-status';
import type { Task, TaskError } from '../task/task';

const NO_ERRORS: readonly TaskError[] = Object.freeze([]);

/** The statuses a started task can end with. */
export type FinalStatus = typeof TaskStatus.Completed | typeof TaskStatus.Failed | typeof TaskStatus.Cancelled;

/**
 * The executor's view of a {@link Task}, and the one place its status changes: each transition
 * below updates the record and returns the event that reports it. Users see it through the
 * read-only `Task` interface.
 */
export class TaskRecord implements Task {
  public readonly taskId: string;
  public readonly name: string;
  public readonly group: string;
  public status: TaskStatus = TaskStatus.NotStarted;
  public attempt = 0;
  public retryCount = 0;
  public errors: readonly TaskError[] = NO_ERRORS;
  public readonly initialContext: Context;
  public previousContext: Context;
  public currentContext: Context;
  public startedAt: Date | null = null;
  public finishedAt: Date | null = null;
  public duration: number | null = null;
  // The executor's own state is kept in private fields behind accessors, so it stays out of
  // `JSON.stringify(result)` and `console.log(task)`, which show what `Task` promises.
  readonly #definition: TaskDefinition;
  readonly #runId: string;
  #startMs = 0;

  public constructor(
    definition: TaskDefinition,
    public readonly workflowId: string,
    runId: string,
    defaultInitial: unknown,
    empty: Context,
  ) {
    this.#definition = definition;
    this.#runId = runId;
    this.taskId = definition.taskId;
    this.name = definition.name;
    this.group = definition.group;
    const initial = definition.initialContext ? definition.initialContext.value : defaultInitial;
    this.initialContext = new Context({ storage: initial, taskId: definition.taskId, workflowId, time: empty.time });
    this.previousContext = empty;
    this.currentContext = empty;
  }

  /** What the task runs. */
  public get definition(): TaskDefinition {
    return this.#definition;
  }

  /** Not started → In progress: the first attempt begins, fed `previous`. */
  public begin(previous: Context, nowMs: number, at: Date = new Date(nowMs)): TaskEvent {
    this.previousContext = previous;
    this.#startMs = nowMs;
    this.startedAt = at;
    this.status = TaskStatus.InProgress;
    this.attempt = 1;
    return this.#event(this.startedAt, undefined, undefined, undefined);
  }

  /** An attempt failed and another follows: `Retry`, with that attempt's error. */
  public retry(error: TaskError, at: Date): TaskEvent {
    this.errors = [...this.errors, error];
    this.retryCount++;
    this.status = TaskStatus.Retry;
    return this.#event(at, undefined, error, undefined);
  }

  /** The next attempt begins (after a retry's wait). */
  public nextAttempt(): void {
    this.attempt++;
  }

  /** The final status of a started task; `Completed` sets its current context to `value`. */
  public settle(status: FinalStatus, value: unknown, error: TaskError | undefined, nowMs: number, finishedAt = new Date(nowMs)): TaskEvent {
    this.finishedAt = finishedAt;
    this.duration = nowMs - this.#startMs;
    this.status = status;
    if (error !== undefined) this.errors = [...this.errors, error];
    const completed = status === TaskStatus.Completed;
    if (completed) this.currentContext = new Context({ storage: value, taskId: this.taskId, workflowId: this.workflowId, time: finishedAt });
    return this.#event(finishedAt, this.duration, error, completed ? value : undefined);
  }

  /** Not started → Skipped: restored from its checkpoint, whose result becomes its current context. */
  public restore(previous: Context, checkpoint: RestoredCheckpoint, at: Date): TaskEvent {
    this.previousContext = previous;
    this.status = TaskStatus.Skipped;
    this.currentContext = new Context({ storage: checkpoint.storage, taskId: this.taskId, workflowId: this.workflowId, time: checkpoint.time });
    return this.#event(at, undefined, undefined, checkpoint.storage);
  }

  /** Not started → Cancelled (the run was cancelled first); undefined when the task had started. */
  public cancelUnstarted(at: Date): TaskEvent | undefined {
    if (this.status !== TaskStatus.NotStarted) return undefined;
    this.status = TaskStatus.Cancelled;
    return this.#event(at, undefined, undefined, undefined);
  }

  #event(at: Date, duration: number | undefined, error: TaskError | undefined, storage: unknown): TaskEvent {
    return {
      type: 'task',
      workflowId: this.workflowId,
      runId: this.#runId,
      taskId: this.taskId,
      name: this.name,
      group: this.group,
      status: this.status,
      attempt: this.attempt,
      at,
      duration,
      error,
      storage,
    };
  }
}
