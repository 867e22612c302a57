import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';
import { Context } from '../context/context';
import { InvalidWorkflowIdError } from '../errors/invalid-workflow-id.error';
import { UnnamedTaskError } from '../errors/unnamed-task.error';
import type { DotflowEvent } from '../events/dotflow-event';
import { EventHub, EventStream } from '../events/event-stream';
import { selectMode } from '../executor/modes/select-mode';
import { logErrorReporter, providerListener, type ErrorReporter, type EventListener } from '../executor/provider-listener';
import { CheckpointWriter, prepareCheckpoints, runFingerprint, type PreparedCheckpoints } from '../executor/checkpoints';
import { TaskRecord } from '../executor/task-record';
import { WorkflowRun } from '../executor/workflow-run';
import { normalizeStartOptions, type NormalizedStartOptions, type StartOptions } from '../options/start-options';
import type { TaskDefinition } from '../plan/task-definition';
import type { Config } from '../providers/config';
import { WorkflowStatus } from '../status/workflow-status';
import type { Task } from '../task/task';
import type { BackgroundRun, WorkflowResult } from '../task/workflow-result';
import { taskJson, type WorkflowJson } from './workflow-json';

/** Options of a background run: `start()` resolves at once with a {@link BackgroundRun}. */
export type BackgroundStartOptions = StartOptions & { readonly mode: 'background' };
/** Options of a run that `start()` awaits to the end. */
export type ForegroundStartOptions = StartOptions & { readonly mode?: Exclude<StartOptions['mode'], 'background'> };

/** The surface `Workflow` and `DotFlow` share: identity, events, runs and the last run's results. */
export interface Runnable {
  readonly workflowId: string;
  readonly name: string;
  readonly config: Config;
  /** Hot: the events of every run of this workflow, as they happen. Never completes. */
  readonly events$: Observable<DotflowEvent>;
  /**
   * Cold: one run per subscription; completes after the run's final event; unsubscribing cancels
   * the run. Errors found in the storage (with `resume`) come as the stream's error, before any
   * event: the observable touches the storage only when subscribed.
   *
   * @throws InvalidStartOptionsError, ExecutionModeNotExistError, InvalidOnInputChangeError, and
   *   with `resume` UnnamedTaskError or UnserializableValueError, at once.
   * @example
   * ```ts
   * flow.run$({ mode: 'parallel' }).subscribe((e) => { if (e.type === 'task') console.log(e.name, e.status); });
   * ```
   */
  run$(options?: StartOptions): Observable<DotflowEvent>;
  /**
   * Runs the workflow and resolves with its {@link WorkflowResult}; with `mode: 'background'`,
   * resolves at once with a {@link BackgroundRun}. A failing step never rejects: failure is a
   * status. Rejects only for misuse, before any step runs and before any event.
   *
   * @throws InvalidStartOptionsError, ExecutionModeNotExistError, InvalidOnInputChangeError; with
   *   `resume` also UnnamedTaskError, UnserializableValueError, InputChangedError,
   *   CorruptCheckpointError, WorkflowLockedError (as a rejection).
   * @example
   * ```ts
   * const { status, tasks } = await flow.start({ mode: 'parallel', initialContext: { day: '2026-01-01' } });
   * const run = await flow.start({ mode: 'background' });
   * const result = await run.done;
   * ```
   */
  start(options: BackgroundStartOptions): Promise<BackgroundRun>;
  start(options?: ForegroundStartOptions): Promise<WorkflowResult>;
  start(options?: StartOptions): Promise<WorkflowResult | BackgroundRun>;
  /**
   * Checks the options, then hands `() => start(options)` to `config.scheduler`: each trigger is a
   * fresh run.
   *
   * @throws (as a rejection) the option errors of {@link Runnable.start}, before anything is scheduled.
   * @example
   * ```ts
   * await flow.schedule({ keepGoing: true });
   * ```
   */
  schedule(options?: StartOptions): Promise<void>;
  /** The last run's tasks (not started ones before any run). */
  resultTask(): readonly Task[];
  /** The last run's current contexts, one per task. */
  resultContext(): readonly Context[];
  /** The last run's results (`currentContext.storage`), one per task. */
  resultStorage(): readonly unknown[];
  /** The last run as plain JSON. */
  result(): WorkflowJson;
}

/** The key of the method that builds a workflow's plan; a symbol, so no step name can clash. */
export const BUILD_PLAN: unique symbol = Symbol('@dotflow/core/build-plan');

/** Identity of a workflow, validated. */
export interface WorkflowIdentity {
  readonly config: Config;
  readonly workflowId: string | undefined;
  readonly name: string;
}

/** A run's options and plan, checked before anything happens. */
interface Prepared {
  readonly normalized: NormalizedStartOptions;
  readonly tasks: readonly TaskDefinition[];
  /** With `resume`: the fingerprint of the initial contexts. */
  readonly fingerprint: string | undefined;
}

/** Shared implementation of {@link Runnable}; subclasses say how the plan is built. */
export abstract class RunnableWorkflow implements Runnable {
  public readonly workflowId: string;
  public readonly name: string;
  public readonly config: Config;
  public readonly events$: Observable<DotflowEvent>;
  readonly #hub: EventHub<DotflowEvent>;
  readonly #report: ErrorReporter;
  #lastRun: WorkflowRun | undefined;
  #lastResult: WorkflowResult | undefined;
  #writer: CheckpointWriter | undefined;

  protected constructor(identity: WorkflowIdentity) {
    const id = identity.workflowId ?? randomUUID();
    if (typeof id !== 'string' || id.length === 0) throw new InvalidWorkflowIdError(id);
    this.workflowId = id;
    this.name = identity.name;
    this.config = identity.config;
    this.#report = logErrorReporter(identity.config);
    this.#hub = new EventHub<DotflowEvent>((e) => this.#report('an events$ subscriber threw', e));
    this.events$ = this.#hub.stream;
  }

  /** The ordered tasks of the next run. */
  protected abstract [BUILD_PLAN](): readonly TaskDefinition[];

  public run$(options?: StartOptions): Observable<DotflowEvent> {
    const { normalized, tasks, fingerprint } = this.#prepare(options);
    return new EventStream<DotflowEvent>((subscriber) => {
      let run: WorkflowRun | undefined;
      let closed = false;
      prepareCheckpoints(this.config.storage, this.workflowId, tasks, normalized, fingerprint).then(
        (prepared) => {
          if (closed) return prepared.release();
          run = this.#createRun(normalized, tasks, prepared, (e) => subscriber.next(e));
          return this.#execute(run, tasks, prepared).then(() => subscriber.complete());
        },
        (error: unknown) => subscriber.error(error),
      ).catch((error: unknown) => subscriber.error(error));
      return () => {
        closed = true;
        run?.cancel();
      };
    }, (e) => this.#report('a run$ subscriber threw', e));
  }

  public start(options: BackgroundStartOptions): Promise<BackgroundRun>;
  public start(options?: ForegroundStartOptions): Promise<WorkflowResult>;
  public start(options?: StartOptions): Promise<WorkflowResult | BackgroundRun>;
  public async start(options?: StartOptions): Promise<WorkflowResult | BackgroundRun> {
    const { normalized, tasks, fingerprint } = this.#prepare(options);
    const prepared = await prepareCheckpoints(this.config.storage, this.workflowId, tasks, normalized, fingerprint);
    const run = this.#createRun(normalized, tasks, prepared, undefined);
    const execute = (): Promise<WorkflowResult> => {
      const startMs = Date.now();
      return this.#execute(run, tasks, prepared).catch((error: unknown) => this.#internalFailure(run, error, startMs));
    };
    if (normalized.mode !== 'background') return execute();
    const done = new Promise<WorkflowResult>((resolve) => {
      // A macrotask: the caller gets the handle before any step runs, even a synchronous one.
      setImmediate(() => resolve(execute()));
    });
    return { workflowId: this.workflowId, done, cancel: () => run.cancel() };
  }

  public async schedule(options?: StartOptions): Promise<void> {
    this.#prepare(options);
    await this.config.scheduler.start(() => this.start(options));
  }

  public resultTask(): readonly Task[] {
    if (this.#lastRun) return this.#lastRun.tasks;
    const empty = Context.empty(this.workflowId);
    return this[BUILD_PLAN]().map((d) => new TaskRecord(d, this.workflowId, null, empty));
  }

  public resultContext(): readonly Context[] {
    return this.resultTask().map((t) => t.currentContext);
  }

  public resultStorage(): readonly unknown[] {
    return this.resultTask().map((t) => t.currentContext.storage);
  }

  public result(): WorkflowJson {
    const last = this.#lastResult;
    return {
      workflowId: this.workflowId,
      name: this.name,
      status: this.#lastRun?.status ?? WorkflowStatus.New,
      duration: last?.duration ?? null,
      tasks: this.resultTask().map(taskJson),
    };
  }

  /** Validates options and builds the plan; throws for misuse before anything runs. */
  #prepare(options: StartOptions | undefined): Prepared {
    const normalized = normalizeStartOptions(options);
    const tasks = this[BUILD_PLAN]();
    if (!normalized.resume) return { normalized, tasks, fingerprint: undefined };
    const anonymous = tasks.flatMap((t, i) => (t.anonymous ? [i] : []));
    if (anonymous.length > 0) throw new UnnamedTaskError(anonymous, this.workflowId);
    return { normalized, tasks, fingerprint: runFingerprint(tasks, normalized) };
  }

  #createRun(
    options: NormalizedStartOptions,
    tasks: readonly TaskDefinition[],
    prepared: PreparedCheckpoints,
    extra: EventListener | undefined,
  ): WorkflowRun {
    const hub = this.#hub;
    const listeners: EventListener[] = [(e) => hub.next(e)];
    if (extra) listeners.push(extra);
    const providers = providerListener(this.config, this.#report);
    if (providers) listeners.push(providers);
    const run = new WorkflowRun(
      {
        workflowId: this.workflowId,
        name: this.name,
        clock: this.config.clock,
        tasks,
        listeners,
        report: this.#report,
        restored: prepared.restored,
        writer: (this.#writer ??= new CheckpointWriter(this.config.storage, this.workflowId)),
      },
      options,
    );
    this.#lastRun = run;
    this.#lastResult = undefined;
    return run;
  }

  async #execute(run: WorkflowRun, tasks: readonly TaskDefinition[], prepared: PreparedCheckpoints): Promise<WorkflowResult> {
    try {
      const result = await run.execute(selectMode(run.options.mode, tasks));
      if (this.#lastRun === run) this.#lastResult = result;
      return result;
    } finally {
      try {
        await prepared.release();
      } catch (e) {
        this.#reportSafely('releasing the workflow claim failed', e);
      }
    }
  }

  /**
   * The last resort of `start()` and `done`, which never reject once a run began: a run that broke down inside Dotflow (a bug, or
   * a provider such as the clock throwing) is logged and ends `Failed`; its tasks keep the status
   * they had when it broke down, and its duration is wall time (the clock may be what broke).
   */
  #internalFailure(run: WorkflowRun, error: unknown, startMs: number): WorkflowResult {
    this.#reportSafely(`the run of workflow '${this.workflowId}' broke down and ends Failed`, error);
    run.status = WorkflowStatus.Failed;
    const result: WorkflowResult = { workflowId: this.workflowId, name: this.name, status: run.status, tasks: run.tasks, duration: Date.now() - startMs };
    if (this.#lastRun === run) this.#lastResult = result;
    return result;
  }

  /** Reports to the log; a reporter that throws (on a value it cannot print) is ignored. */
  #reportSafely(what: string, error: unknown): void {
    try {
      this.#report(what, error);
    } catch {
      // nowhere left to report to
    }
  }
}
