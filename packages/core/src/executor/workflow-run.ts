import { Context } from '../context/context';
import { TaskCancelledError } from '../errors/task-cancelled.error';
import { TaskTimeoutError } from '../errors/task-timeout.error';
import { UnserializableValueError } from '../errors/unserializable-value.error';
import { retryDelayFor } from '../options/action-options';
import type { NormalizedStartOptions } from '../options/start-options';
import type { TaskDefinition } from '../plan/task-definition';
import type { Clock } from '../providers/clock';
import { TaskStatus } from '../status/task-status';
import { WorkflowStatus } from '../status/workflow-status';
import { toTaskError, type TaskError } from '../task/task';
import type { WorkflowResult } from '../task/workflow-result';
import type { RestoredCheckpoint } from '../checkpoint/checkpoint';
import { isThenable } from '../internal/is-thenable';
import { AttemptContext } from './attempt-context';
import type { CheckpointWriter } from './checkpoints';
import type { ErrorReporter, EventListener } from './provider-listener';
import { RunEmitter } from './run-emitter';
import { TaskRecord } from './task-record';

/** What a run needs from its workflow. */
export interface RunSpec {
  readonly workflowId: string;
  readonly name: string;
  readonly clock: Clock;
  readonly tasks: readonly TaskDefinition[];
  readonly listeners: readonly EventListener[];
  readonly report: ErrorReporter;
  /** Checkpoints to restore instead of running (resume). */
  readonly restored: ReadonlyMap<string, RestoredCheckpoint>;
  /** Stores each completed task's checkpoint before the next task starts. */
  readonly writer: CheckpointWriter;
}

/** How a mode runs the tasks of a run; see `executor/modes`. */
export type ModeRunner = (run: WorkflowRun) => Promise<void>;

/**
 * One run of a workflow: the only place that runs steps. The per-task path is plain code that
 * stays synchronous for synchronous steps (no timer, promise or AbortController unless needed).
 */
export class WorkflowRun {
  public readonly tasks: readonly TaskRecord[];
  /** The empty context: a chain's first previous context and a failed task's current context. */
  public readonly empty: Context;
  public status: WorkflowStatus = WorkflowStatus.New;
  private cancelRequested = false;
  private finished = false;
  private readonly active = new Set<AttemptContext>();
  private readonly sleepers = new Set<() => void>();
  private readonly clock: Clock;
  private readonly emitter: RunEmitter;
  private startMs = 0;
  private readonly onAbort = (): void => this.cancel();

  public constructor(
    private readonly spec: RunSpec,
    public readonly options: NormalizedStartOptions,
  ) {
    this.clock = spec.clock;
    this.emitter = new RunEmitter(spec);
    this.empty = Context.empty(spec.workflowId);
    this.tasks = spec.tasks.map((d) => new TaskRecord(d, spec.workflowId, options.initialContext, this.empty));
  }

  public get workflowId(): string {
    return this.spec.workflowId;
  }

  /** True once the run was cancelled (steps started after that never run). */
  public get cancelled(): boolean {
    return this.cancelRequested;
  }

  /** Runs every task with `mode` and resolves with the result; never rejects for a failing step. */
  public async execute(mode: ModeRunner): Promise<WorkflowResult> {
    this.startMs = this.clock.now();
    this.status = WorkflowStatus.InProgress;
    this.emitter.workflow(WorkflowStatus.InProgress, undefined);
    const signal = this.options.signal;
    if (signal) {
      if (signal.aborted) this.cancel();
      else signal.addEventListener('abort', this.onAbort, { once: true });
    }
    try {
      await mode(this);
    } finally {
      signal?.removeEventListener('abort', this.onAbort);
    }
    return this.finish();
  }

  /** Cancels the run: running steps see their signal abort, waits end, unstarted tasks end `Cancelled`. */
  public cancel(): void {
    if (this.cancelRequested || this.finished) return;
    this.cancelRequested = true;
    for (const ctx of [...this.active]) {
      ctx.interrupt(new TaskCancelledError(ctx.task.name, this.spec.workflowId));
    }
    for (const wake of [...this.sleepers]) wake();
  }

  /**
   * Runs one task from its first attempt to its final status, given its previous context.
   * Returns `undefined` when the task finished synchronously.
   */
  public runTask(task: TaskRecord, previous: Context): Promise<void> | undefined {
    if (this.cancelRequested) {
      this.cancelUnstarted(task);
      return undefined;
    }
    task.previousContext = previous;
    const restored = this.spec.restored.get(task.taskId);
    if (restored !== undefined) {
      this.restore(task, restored);
      return undefined;
    }
    task.startMs = this.clock.now();
    const startedAt = new Date(task.startMs);
    task.startedAt = startedAt;
    task.status = TaskStatus.InProgress;
    task.attempt = 1;
    this.emitter.task(task, TaskStatus.InProgress, startedAt, undefined, undefined, undefined);
    if (this.cancelRequested) {
      // cancelled by a listener of the In progress event: the step is never called
      this.settle(task, TaskStatus.Cancelled, undefined, undefined);
      return undefined;
    }
    return this.attempt(task);
  }

  /** A task restored from its checkpoint: `Skipped`, its stored result as its current context. */
  private restore(task: TaskRecord, checkpoint: RestoredCheckpoint): void {
    task.status = TaskStatus.Skipped;
    task.currentContext = new Context({ storage: checkpoint.storage, taskId: task.taskId, workflowId: task.workflowId, time: checkpoint.time });
    this.emitter.task(task, TaskStatus.Skipped, this.emitter.now(), undefined, undefined, checkpoint.storage);
  }

  /** Marks a task that never started `Cancelled` (one event). */
  public cancelUnstarted(task: TaskRecord): void {
    if (task.status !== TaskStatus.NotStarted) return;
    task.status = TaskStatus.Cancelled;
    this.emitter.task(task, TaskStatus.Cancelled, this.emitter.now(), undefined, undefined, undefined);
  }

  private attempt(task: TaskRecord): Promise<void> | undefined {
    const def = task.definition;
    const ctx = new AttemptContext(task.previousContext, task.initialContext, {
      taskId: task.taskId,
      name: task.name,
      group: task.group,
      attempt: task.attempt,
      workflowId: task.workflowId,
    });
    let result: unknown;
    try {
      result = def.invoke(ctx);
    } catch (error) {
      return this.attemptFailed(task, error);
    }
    if (isThenable(result)) return this.awaitAttempt(task, ctx, result);
    return this.complete(task, result);
  }

  private async awaitAttempt(task: TaskRecord, ctx: AttemptContext, promise: PromiseLike<unknown>): Promise<void> {
    const timeout = task.definition.options.timeout;
    this.active.add(ctx);
    if (this.cancelRequested) ctx.interrupt(new TaskCancelledError(task.name, this.spec.workflowId));
    let value: unknown;
    try {
      value = await ctx.wait(promise, timeout, this.clock, () => new TaskTimeoutError(task.name, timeout));
    } catch (error) {
      this.active.delete(ctx);
      const next = this.attemptFailed(task, error);
      if (next !== undefined) await next;
      return;
    }
    this.active.delete(ctx);
    const stored = this.complete(task, value);
    if (stored !== undefined) await stored;
  }

  /** Stores the checkpoint, then settles `Completed`; a checkpoint that cannot be written fails the task. */
  private complete(task: TaskRecord, value: unknown): Promise<void> | undefined {
    const now = this.clock.now();
    const finishedAt = new Date(now);
    let pending: Promise<void> | undefined;
    try {
      pending = this.spec.writer.save(task.taskId, value, finishedAt);
    } catch (error) {
      if (!(error instanceof UnserializableValueError && this.spec.writer.volatile)) {
        this.checkpointFailed(task, error);
        return undefined;
      }
      this.spec.report(`task "${task.taskId}" of workflow '${task.workflowId}' got no checkpoint (a resumed run runs it again)`, error, 'warn');
    }
    if (pending === undefined) {
      this.settle(task, TaskStatus.Completed, value, undefined, now, finishedAt);
      return undefined;
    }
    return pending.then(
      () => this.settle(task, TaskStatus.Completed, value, undefined),
      (error: unknown) => this.checkpointFailed(task, error),
    );
  }

  private checkpointFailed(task: TaskRecord, error: unknown): void {
    const taskError = toTaskError(error, task.attempt);
    task.errors.push(taskError);
    this.settle(task, TaskStatus.Failed, undefined, taskError);
  }

  private attemptFailed(task: TaskRecord, error: unknown): Promise<void> | undefined {
    if (this.cancelRequested) {
      this.settle(task, TaskStatus.Cancelled, undefined, undefined);
      return undefined;
    }
    const attempt = task.attempt;
    const taskError = toTaskError(error, attempt);
    task.errors.push(taskError);
    const options = task.definition.options;
    if (attempt >= options.retry) {
      this.settle(task, TaskStatus.Failed, undefined, taskError);
      return undefined;
    }
    task.retryCount++;
    task.status = TaskStatus.Retry;
    this.emitter.task(task, TaskStatus.Retry, this.emitter.now(), undefined, taskError, undefined);
    return this.sleep(retryDelayFor(options, attempt)).then(() => {
      if (this.cancelRequested) {
        this.settle(task, TaskStatus.Cancelled, undefined, undefined);
        return undefined;
      }
      task.attempt = attempt + 1;
      return this.attempt(task);
    });
  }

  /** Waits `ms` on the clock; a cancel ends the wait at once. No timer outlives it. */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.cancelRequested) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        this.clock.clearTimeout(handle);
        this.sleepers.delete(wake);
        resolve();
      };
      const handle = this.clock.setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Gives a started task its final status, emits it, then runs the task callback. */
  private settle(
    task: TaskRecord,
    status: TaskStatus,
    value: unknown,
    error: TaskError | undefined,
    now = this.clock.now(),
    finishedAt = new Date(now),
  ): void {
    task.finishedAt = finishedAt;
    task.duration = now - task.startMs;
    task.status = status;
    if (status === TaskStatus.Completed) {
      task.currentContext = new Context({ storage: value, taskId: task.taskId, workflowId: task.workflowId, time: finishedAt });
    }
    this.emitter.task(task, status, finishedAt, task.duration, error, status === TaskStatus.Completed ? value : undefined);
    const callback = task.definition.callback;
    if (callback !== undefined) this.emitter.callUser('callback', task, () => callback(task));
  }

  private finish(): WorkflowResult {
    if (this.cancelRequested) for (const task of this.tasks) this.cancelUnstarted(task);
    let failed = false;
    let cancelled = false;
    for (const task of this.tasks) {
      if (task.status === TaskStatus.Failed) failed = true;
      else if (task.status === TaskStatus.Cancelled) cancelled = true;
    }
    // A failed task makes the run Failed even if it was then cancelled.
    this.status = failed ? WorkflowStatus.Failed : cancelled ? WorkflowStatus.Cancelled : WorkflowStatus.Completed;
    this.finished = true;
    const duration = this.clock.now() - this.startMs;
    const result: WorkflowResult = {
      workflowId: this.spec.workflowId,
      name: this.spec.name,
      status: this.status,
      tasks: this.tasks,
      duration,
    };
    const { onSuccess, onFailure } = this.options;
    if (this.status === WorkflowStatus.Completed) {
      if (onSuccess) this.emitter.callUser('onSuccess', undefined, () => onSuccess(result));
    } else if (onFailure) {
      this.emitter.callUser('onFailure', undefined, () => onFailure(result));
    }
    this.emitter.workflow(this.status, duration);
    return result;
  }
}
