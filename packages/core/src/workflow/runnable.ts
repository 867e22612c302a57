import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';
import { Context } from '../context/context';
import { InvalidWorkflowIdError } from '../errors/invalid-workflow-id.error';
import { UnnamedTaskError } from '../errors/unnamed-task.error';
import type { DotflowEvent } from '../events/dotflow-event';
import type * as EventStreams from '../events/event-stream';
import { CheckpointWriter, runFingerprint } from '../executor/checkpoints';
import type { StartedRun } from '../executor/executor';
import { logListener } from '../executor/log-listener';
import type { EventListener } from '../executor/run-emitter';
import { TaskRecord } from '../executor/task-record';
import type { WorkflowRun } from '../executor/workflow-run';
import { uuidv7 } from '../internal/run-id';
import { normalizeStartOptions, type NormalizedStartOptions, type StartOptions } from '../options/start-options';
import type { TaskDefinition } from '../plan/task-definition';
import type { Config } from '../providers/config';
import type { ScheduleHandle } from '../providers/scheduler';
import { WorkflowStatus } from '../status/workflow-status';
import type { Task } from '../task/task';
import type { BackgroundRun, WorkflowResult } from '../task/workflow-result';
import { LocalRunJob } from './local-run-job';
import { planJson, type WorkflowPlanJson } from './plan-json';
import { scheduleTarget, type ScheduleHost } from './schedule-target';
import { taskJson, type WorkflowJson } from './workflow-json';
import type { BackgroundStartOptions, ForegroundStartOptions, Runnable } from './runnable-surface';

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

/** A `run$()` subscriber: it hears the run's events, and its unsubscribing aborts `signal`. */
interface Subscriber {
  readonly listener: EventListener;
  readonly signal: AbortSignal;
}

/** The RxJS-based streams, loaded when a workflow first needs one (`events$`, `run$()`). */
function eventStreams(): typeof EventStreams {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose: RxJS's CommonJS index is most of Dotflow's start-up
  return require('../events/event-stream') as typeof EventStreams;
}

/** Shared implementation of {@link Runnable}; subclasses say how the plan is built. */
export abstract class RunnableWorkflow implements Runnable {
  public readonly workflowId: string;
  public readonly name: string;
  public readonly config: Config;
  #hub: EventStreams.EventHub<DotflowEvent> | undefined;
  #lastRun: WorkflowRun | undefined;
  #lastResult: WorkflowResult | undefined;
  #writer: CheckpointWriter | undefined;

  protected constructor(identity: WorkflowIdentity) {
    const id = identity.workflowId ?? randomUUID();
    if (typeof id !== 'string' || id.length === 0) throw new InvalidWorkflowIdError(id);
    this.workflowId = id;
    this.name = identity.name;
    this.config = identity.config;
  }

  /** Made on first read: a workflow nobody subscribes to never loads RxJS (about 45 ms and 4.5 MiB). */
  public get events$(): Observable<DotflowEvent> {
    return (this.#hub ??= new (eventStreams().EventHub)<DotflowEvent>((e) => this.config.reporter('an events$ subscriber threw', e))).stream;
  }

  /** The ordered tasks of the next run. */
  protected abstract [BUILD_PLAN](): readonly TaskDefinition[];

  public run$(options?: StartOptions): Observable<DotflowEvent> {
    const prepared = this.#prepare(options);
    return new (eventStreams().EventStream)<DotflowEvent>((subscriber) => {
      const gaveUp = new AbortController();
      this.#submit(prepared, this.#newRunId(), { listener: (e) => subscriber.next(e), signal: gaveUp.signal }, undefined).then(
        (run) => run.done.then(() => subscriber.complete()),
        (error: unknown) => subscriber.error(error),
      ).catch((error: unknown) => subscriber.error(error));
      return () => gaveUp.abort();
    }, (e) => this.config.reporter('a run$ subscriber threw', e));
  }

  public start(options: BackgroundStartOptions): Promise<BackgroundRun>;
  public start(options?: ForegroundStartOptions): Promise<WorkflowResult>;
  public start(options?: StartOptions): Promise<WorkflowResult | BackgroundRun>;
  public async start(options?: StartOptions): Promise<WorkflowResult | BackgroundRun> {
    const prepared = this.#prepare(options);
    return this.#start(prepared, this.#newRunId(), undefined);
  }

  public async schedule(options?: StartOptions): Promise<ScheduleHandle> {
    this.#prepare(options);
    const host: ScheduleHost = {
      workflowId: this.workflowId,
      name: this.name,
      clock: this.config.clock,
      start: (tick, onStart) => {
        const runId = this.#newRunId();
        return this.#start(this.#prepare(tick), runId, () => onStart(runId)) as Promise<WorkflowResult>;
      },
      broadcast: (event) => {
        for (const listener of this.#listeners()) {
          try {
            listener(event);
          } catch (error) {
            this.config.reporter('an events subscriber threw', error);
          }
        }
      },
    };
    return this.config.scheduler.start(scheduleTarget(host, options));
  }

  public describe(): WorkflowPlanJson {
    return planJson(this.workflowId, this.name, this[BUILD_PLAN]());
  }

  public resultTask(): readonly Task[] {
    if (this.#lastRun) return this.#lastRun.tasks;
    const empty = Context.empty(this.workflowId, '', new Date(this.config.clock.now()));
    return this[BUILD_PLAN]().map((d) => new TaskRecord(d, this.workflowId, '', null, empty));
  }

  public resultContext(): readonly Context[] {
    return this.resultTask().map((t) => t.currentContext);
  }

  public resultStorage(): readonly unknown[] {
    return this.resultTask().map((t) => t.currentContext.storage);
  }

  public result(): WorkflowJson {
    const run = this.#lastRun;
    return {
      workflowId: run?.workflowId ?? this.workflowId,
      runId: run?.runId ?? null,
      name: this.name,
      status: run?.status ?? WorkflowStatus.New,
      duration: this.#lastResult?.duration ?? null,
      tasks: this.resultTask().map(taskJson),
    };
  }

  /** Validates options and builds the plan; throws for misuse before anything runs. */
  #prepare(options: StartOptions | undefined): Prepared {
    const normalized = normalizeStartOptions(options);
    const tasks = this[BUILD_PLAN]();
    if (!normalized.resume) return { normalized, tasks, fingerprint: undefined };
    const anonymous = tasks.flatMap((t, i) => (t.anonymous ? [i] : []));
    if (anonymous.length > 0) throw new UnnamedTaskError(anonymous, normalized.workflowId ?? this.workflowId);
    return { normalized, tasks, fingerprint: runFingerprint(tasks, normalized) };
  }

  #newRunId(): string {
    return uuidv7(this.config.clock.now());
  }

  async #start(prepared: Prepared, runId: string, onStart: (() => void) | undefined): Promise<WorkflowResult | BackgroundRun> {
    const run = await this.#submit(prepared, runId, undefined, onStart);
    if (prepared.normalized.mode !== 'background') return run.done;
    return { workflowId: prepared.normalized.workflowId ?? this.workflowId, runId: run.runId, done: run.done, cancel: () => run.cancel() };
  }

  /** Hands one run to its executor. */
  #submit(prepared: Prepared, runId: string, subscriber: Subscriber | undefined, onStart: (() => void) | undefined): Promise<StartedRun> {
    const { normalized, tasks, fingerprint } = prepared;
    const workflowId = normalized.workflowId ?? this.workflowId;
    const listeners = this.#listeners();
    if (subscriber) listeners.splice(1, 0, subscriber.listener);
    const writer = workflowId === this.workflowId
      ? (this.#writer ??= new CheckpointWriter(this.config.storage, workflowId))
      : new CheckpointWriter(this.config.storage, workflowId);
    let started = false;
    const job = new LocalRunJob({
      workflowId, runId, name: this.name, config: this.config, tasks, options: normalized, fingerprint, listeners, writer,
      signal: subscriber?.signal,
      track: (run, result) => {
        if (result === undefined) {
          this.#lastRun = run;
          this.#lastResult = undefined;
        } else if (this.#lastRun === run) {
          this.#lastResult = result;
        }
      },
      onStart: () => {
        started = true;
        onStart?.();
      },
    });
    const submitted = (normalized.executor ?? this.config.executor).submit(job);
    if (onStart === undefined) return submitted;
    return submitted.then((run) => {
      if (!started) {
        started = true;
        onStart();
      }
      return run;
    });
  }

  /** Who hears every event: `events$`, the log and the observers (a run$ subscriber joins after `events$`). */
  #listeners(): EventListener[] {
    // events$ may be first read during a run: its subscribers see the rest of it
    const listeners: EventListener[] = [(e) => this.#hub?.next(e)];
    const log = logListener(this.config.log, this.config.reporter);
    if (log) listeners.push(log);
    const observers = this.config.observerSet;
    if (!observers.empty) listeners.push((e) => observers.dispatch(e));
    return listeners;
  }
}
