import { Context } from '../context/context';
import type { RestoredCheckpoint } from '../checkpoint/checkpoint';
import { TaskCancelledError } from '../errors/task-cancelled.error';
import { TaskTimeoutError } from '../errors/task-timeout.error';
import { UnserializableValueError } from '../errors/unserializable-value.error';
import type { Invoker } from '../invoker/invoker';
import { isThenable } from '../internal/is-thenable';
import type { ObserverSet } from '../observers/observer-set';
import { retryDelayFor } from '../options/action-options';
import type { NormalizedStartOptions } from '../options/start-options';
import type { TaskDefinition } from '../plan/task-definition';
import type { Clock } from '../providers/clock';
import type { ErrorReporter } from '../providers/error-reporter';
import { TaskStatus } from '../status/task-status';
import { WorkflowStatus } from '../status/workflow-status';
import { toTaskError, type Task } from '../task/task';
import type { WorkflowResult } from '../task/workflow-result';
import { AttemptContext } from './attempt-context';
import type { CheckpointWriter } from './checkpoints';
import type { ModePort, ModeRunner } from './mode-port';
import { RunEmitter, type EventListener } from './run-emitter';
import { Sleepers, finalStatus } from './sleepers';
import { TaskRecord, type FinalStatus } from './task-record';

/** What a run needs from its workflow. */
export interface RunSpec {
  readonly workflowId: string;
  readonly runId: string;
  readonly name: string;
  readonly clock: Clock;
  readonly tasks: readonly TaskDefinition[];
  readonly listeners: readonly EventListener[];
  readonly report: ErrorReporter;
  readonly invoker: Invoker;
  /** The observers whose `aroundAttempt` wraps each attempt; undefined when none has one. */
  readonly around: ObserverSet | undefined;
  /** Checkpoints to restore instead of running (resume). */
  readonly restored: ReadonlyMap<string, RestoredCheckpoint>;
  /** Stores each completed task's checkpoint before the next task starts. */
  readonly writer: CheckpointWriter;
}

/**
 * One run of a workflow: the only place that runs steps. The per-task path is plain code that
 * stays synchronous for synchronous steps (no timer, promise or AbortController unless needed).
 * Task status changes happen in {@link TaskRecord}; this class decides which, and emits them.
 */
export class WorkflowRun implements ModePort {
  public readonly tasks: readonly TaskRecord[];
  public readonly empty: Context;
  public readonly keepGoing: boolean;
  public readonly concurrency: number;
  public status: WorkflowStatus = WorkflowStatus.New;
  private cancelRequested = false;
  private finished = false;
  private readonly active = new Set<AttemptContext>();
  private readonly sleepers: Sleepers;
  private readonly clock: Clock;
  private readonly emitter: RunEmitter;
  private readonly random: () => number;
  private startMs = 0;
  private readonly onAbort = (): void => this.cancel();
  private lastMs = Number.NaN;
  private lastDate: Date | undefined;
  private readonly now = (): Date => this.dateAt(this.clock.now());

  /** A Date of `ms`: the previous one while the clock stays within the same whole millisecond. */
  private dateAt(ms: number): Date {
    const whole = Math.trunc(ms);
    if (whole !== this.lastMs || this.lastDate === undefined) {
      this.lastMs = whole;
      this.lastDate = new Date(whole);
    }
    return this.lastDate;
  }

  public constructor(
    private readonly spec: RunSpec,
    private readonly options: NormalizedStartOptions,
  ) {
    const clock = spec.clock;
    this.clock = clock;
    this.random = typeof clock.random === 'function' ? () => (clock.random as () => number)() : Math.random;
    this.emitter = new RunEmitter(spec);
    this.sleepers = new Sleepers(clock);
    this.keepGoing = options.keepGoing;
    this.concurrency = options.concurrency;
    this.empty = Context.empty(spec.workflowId, '', this.now());
    this.tasks = spec.tasks.map((d) => new TaskRecord(d, spec.workflowId, spec.runId, options.initialContext, this.empty));
  }

  public get workflowId(): string {
    return this.spec.workflowId;
  }

  public get runId(): string {
    return this.spec.runId;
  }

  public get cancelled(): boolean {
    return this.cancelRequested;
  }

  /** Runs every task with `mode` and resolves with the result; never rejects for a failing step. */
  public async execute(mode: ModeRunner): Promise<WorkflowResult> {
    this.startMs = this.clock.now();
    this.status = WorkflowStatus.InProgress;
    this.emitWorkflow(undefined);
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
    for (const ctx of [...this.active]) ctx.interrupt(new TaskCancelledError(ctx.task.name, this.spec.workflowId));
    this.sleepers.wakeAll();
  }

  public runTask(t: Task, previous: Context): Promise<void> | undefined {
    const task = t as TaskRecord;
    if (this.cancelRequested) {
      this.cancelUnstarted(task);
      return undefined;
    }
    const restored = this.spec.restored.get(task.taskId);
    if (restored !== undefined) {
      this.emitter.emit(task.restore(previous, restored, this.now()));
      return undefined;
    }
    const startMs = this.clock.now();
    this.emitter.emit(task.begin(previous, startMs, this.dateAt(startMs)));
    if (this.cancelRequested) {
      // cancelled by a listener of the In progress event: the step is never called
      this.settle(task, TaskStatus.Cancelled, undefined, undefined);
      return undefined;
    }
    return this.attempt(task);
  }

  private cancelUnstarted(task: TaskRecord): void {
    const event = task.cancelUnstarted(this.now());
    if (event !== undefined) this.emitter.emit(event);
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
      const around = this.spec.around;
      result = around === undefined ? this.spec.invoker.invoke(def, ctx) : around.aroundAttempt(ctx.info(this.spec.runId), () => this.spec.invoker.invoke(def, ctx));
      // inside the try: a result whose `then` getter throws fails the attempt like a throw
      if (isThenable(result)) return this.awaitAttempt(task, ctx, result);
    } catch (error) {
      return this.attemptFailed(task, error);
    }
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
    const nowMs = this.clock.now();
    const finishedAt = this.dateAt(nowMs);
    let pending: Promise<void> | undefined;
    try {
      pending = this.spec.writer.save(task.taskId, value, finishedAt);
    } catch (error) {
      if (!(error instanceof UnserializableValueError && this.spec.writer.volatile)) {
        this.settle(task, TaskStatus.Failed, undefined, toTaskError(error, task.attempt));
        return undefined;
      }
      // Only a resumed run would have read it: say so then, once per task.
      if (this.options.resume && this.spec.writer.firstMiss(task.taskId)) {
        this.spec.report(`task "${task.taskId}" of workflow '${task.workflowId}' got no checkpoint (a resumed run runs it again)`, error, 'warn');
      }
    }
    if (pending === undefined) {
      this.settle(task, TaskStatus.Completed, value, undefined, nowMs, finishedAt);
      return undefined;
    }
    return pending.then(
      () => this.settle(task, TaskStatus.Completed, value, undefined),
      (error: unknown) => this.settle(task, TaskStatus.Failed, undefined, toTaskError(error, task.attempt)),
    );
  }

  private attemptFailed(task: TaskRecord, error: unknown): Promise<void> | undefined {
    if (this.cancelRequested) {
      this.settle(task, TaskStatus.Cancelled, undefined, undefined);
      return undefined;
    }
    const attempt = task.attempt;
    const taskError = toTaskError(error, attempt);
    const options = task.definition.options;
    if (attempt >= options.retry) {
      this.settle(task, TaskStatus.Failed, undefined, taskError);
      return undefined;
    }
    this.emitter.emit(task.retry(taskError, this.now()));
    const wait = this.cancelRequested ? Promise.resolve() : this.sleepers.sleep(retryDelayFor(options, attempt, this.random));
    return wait.then(() => {
      if (this.cancelRequested) {
        this.settle(task, TaskStatus.Cancelled, undefined, undefined);
        return undefined;
      }
      task.nextAttempt();
      return this.attempt(task);
    });
  }

  /** Gives a started task its final status, emits it, then runs the task callback. */
  private settle(
    task: TaskRecord,
    status: FinalStatus,
    value: unknown,
    error: ReturnType<typeof toTaskError> | undefined,
    nowMs = this.clock.now(),
    finishedAt?: Date,
  ): void {
    this.emitter.emit(task.settle(status, value, error, nowMs, finishedAt ?? this.dateAt(nowMs)));
    const callback = task.definition.callback;
    if (callback !== undefined) this.emitter.callUser('callback', task, this.now, () => callback(task));
  }

  private emitWorkflow(duration: number | undefined): void {
    const { workflowId, runId, name } = this.spec;
    this.emitter.emit({ type: 'workflow', workflowId, runId, name, status: this.status, at: this.now(), duration });
  }

  private finish(): WorkflowResult {
    if (this.cancelRequested) for (const task of this.tasks) this.cancelUnstarted(task);
    this.status = finalStatus(this.tasks);
    this.finished = true;
    const duration = this.clock.now() - this.startMs;
    const { workflowId, runId, name } = this.spec;
    const result: WorkflowResult = { workflowId, runId, name, status: this.status, tasks: this.tasks, duration };
    const { onSuccess, onFailure } = this.options;
    if (this.status === WorkflowStatus.Completed) {
      if (onSuccess) this.emitter.callUser('onSuccess', undefined, this.now, () => onSuccess(result));
    } else if (onFailure) {
      this.emitter.callUser('onFailure', undefined, this.now, () => onFailure(result));
    }
    this.emitWorkflow(duration);
    return result;
  }
}
