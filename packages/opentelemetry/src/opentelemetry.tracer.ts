import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import {
  TaskStatus,
  WorkflowStatus,
  systemClock,
  type AttemptInfo,
  type CallbackErrorEvent,
  type Clock,
  type DotflowEvent,
  type Observer,
  type TaskEvent,
  type WorkflowEvent,
} from '@dotflow/core';
import { DotflowAttribute as A, DotflowSpanEvent, exceptionAttributes } from './attributes';
import { forceFlushWithin } from './internal/force-flush';
import { DEFAULT_FLUSH_TIMEOUT_MS, nonNegativeMs, positiveInteger } from './internal/options';
import { RunSpanTable, type RunSpans, type TaskSpan } from './internal/run-spans';
import { SCOPE_NAME, VERSION } from './version';

/**
 * Options of {@link OpenTelemetryTracer}.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * new Config({ clock, tracer: new OpenTelemetryTracer({ tracerProvider, clock, maxOpenRuns: 100, flushTimeoutMs: 2_000 }) });
 * ```
 */
export interface OpenTelemetryTracerOptions {
  /** Where spans go. @defaultValue the global provider (`trace.getTracerProvider()`; never set by this package) */
  readonly tracerProvider?: TracerProvider;
  /**
   * The time of spans that `aroundAttempt` starts before their event arrives (see the README's
   * "Times"). Pass the `Config`'s clock when it is virtual. @defaultValue systemClock (`Date.now()`)
   */
  readonly clock?: Pick<Clock, 'now'>;
  /** Runs with open spans kept at most; one more ends the oldest's spans (`dotflow.incomplete: 'evicted'`). @defaultValue 1000 */
  readonly maxOpenRuns?: number;
  /** How long `flush()` / `close()` wait for the provider's `forceFlush()`. @defaultValue 5000 */
  readonly flushTimeoutMs?: number;
}

const OWNER = 'OpenTelemetryTracer';

/**
 * An {@link Observer} that records a span `workflow:<workflowId>` per run and a child span
 * `task:<taskId>` per task, and makes the spans a step creates children of its task span
 * (`aroundAttempt`). Needs a context manager for the nesting (the SDK's `NodeTracerProvider.register()`
 * or `NodeSDK` installs one). Never sets a global; never shuts the provider down.
 *
 * @throws InvalidOpenTelemetryOptionsError for a `maxOpenRuns` or `flushTimeoutMs` out of range.
 * @example
 * ```ts
 * const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
 * provider.register(); // context manager + global provider: the app's choice, not Dotflow's
 * const config = new Config({ tracer: new OpenTelemetryTracer() });
 * await new DotFlow({ config }).task.add({ step: fetchUsers }).workflow.start();
 * await config.close(); // ends what is still open, then forceFlush()
 * ```
 */
export class OpenTelemetryTracer implements Observer {
  readonly #provider: TracerProvider;
  readonly #tracer: Tracer;
  readonly #clock: Pick<Clock, 'now'>;
  readonly #runs: RunSpanTable;
  readonly #flushTimeoutMs: number;

  public constructor(options: OpenTelemetryTracerOptions = {}) {
    this.#provider = options.tracerProvider ?? trace.getTracerProvider();
    this.#tracer = this.#provider.getTracer(SCOPE_NAME, VERSION);
    this.#clock = options.clock ?? systemClock;
    this.#runs = new RunSpanTable(positiveInteger(OWNER, 'maxOpenRuns', options.maxOpenRuns, 1000), (run) => endIncomplete(run, 'evicted', this.#now()));
    this.#flushTimeoutMs = nonNegativeMs(OWNER, 'flushTimeoutMs', options.flushTimeoutMs, DEFAULT_FLUSH_TIMEOUT_MS);
  }

  /** Runs with open spans (a run leaves on its workflow's final event). */
  public get openRuns(): number {
    return this.#runs.size;
  }

  public onEvent(event: DotflowEvent): void {
    if (event.type === 'workflow') this.#onWorkflow(event);
    else if (event.type === 'task') this.#onTask(event);
    else if (event.type === 'error') this.#onCallbackError(event);
  }

  /**
   * Runs the attempt with its task span as the active span, so spans the step starts (an HTTP
   * client's, your own) are its children. The first to see a task (this, or its In progress
   * event) starts its span.
   */
  public aroundAttempt<T>(info: AttemptInfo, next: () => Promise<T>): Promise<T> {
    // A throw here (a span processor's onStart) comes before next(): the run logs it and runs the attempt without us.
    const task = this.#task(info.runId, info.workflowId, info, this.#now());
    if (task === undefined) return next();
    return context.with(trace.setSpan(context.active(), task.span), next);
  }

  /** Resolves when the provider's `forceFlush()` does (no-op providers have none). @throws FlushTimeoutError after `flushTimeoutMs`. */
  public flush(): Promise<void> {
    return forceFlushWithin(this.#provider, OWNER, this.#flushTimeoutMs);
  }

  /**
   * Ends the spans of runs still open (`dotflow.incomplete: 'closed'`, status unset), then flushes.
   * The provider is not shut down: it is yours (call its `shutdown()` when you are done with it).
   */
  public close(): Promise<void> {
    const at = this.#now();
    for (const run of this.#runs.takeAll()) endIncomplete(run, 'closed', at);
    return this.flush();
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }

  #onWorkflow(e: WorkflowEvent): void {
    if (this.#runs.isEvicted(e.runId)) return;
    if (e.status === WorkflowStatus.InProgress) {
      this.#run(e.runId, e.workflowId, e.at).span.setAttribute(A.WorkflowName, e.name);
      return;
    }
    if (e.status !== WorkflowStatus.Completed && e.status !== WorkflowStatus.Failed && e.status !== WorkflowStatus.Cancelled) return;
    // its In progress may have been dropped: then the span starts where the duration says
    const run = this.#runs.take(e.runId) ?? this.#open(e.runId, e.workflowId, startOf(e), false);
    endOpenTasks(run, 'workflow-ended', e.at); // their final events were lost
    const span = run.span;
    span.setAttributes({ [A.WorkflowName]: e.name, [A.WorkflowStatus]: e.status });
    if (e.duration !== undefined) span.setAttribute(A.Duration, e.duration / 1000);
    if (e.status === WorkflowStatus.Completed) span.setStatus({ code: SpanStatusCode.OK });
    else if (e.status === WorkflowStatus.Failed) span.setStatus({ code: SpanStatusCode.ERROR, message: 'workflow failed' });
    span.end(e.at);
  }

  #onTask(e: TaskEvent): void {
    if (this.#runs.isEvicted(e.runId)) return;
    switch (e.status) {
      case TaskStatus.InProgress:
        this.#task(e.runId, e.workflowId, e, e.at);
        return;
      case TaskStatus.Retry: {
        const task = this.#task(e.runId, e.workflowId, e, e.at);
        if (task === undefined) return;
        task.retries++;
        const error = e.error === undefined ? {} : exceptionAttributes(e.error);
        task.span.addEvent(DotflowSpanEvent.Retry, { [A.TaskAttempt]: e.attempt, ...error }, e.at);
        return;
      }
      case TaskStatus.Completed:
      case TaskStatus.Failed:
      case TaskStatus.Cancelled:
      case TaskStatus.Skipped:
        this.#endTask(e);
        return;
      default:
        return; // Not started, Paused: never emitted by the executor
    }
  }

  /**
   * A task's final event ends its span. A task with no span yet (Skipped, Cancelled before it
   * started, or its In progress was dropped) gets one now, starting where its duration says.
   */
  #endTask(e: TaskEvent): void {
    const run = this.#runs.get(e.runId);
    const open = run?.tasks.get(e.taskId);
    if (open !== undefined) run?.tasks.delete(e.taskId);
    const task = open ?? this.#task(e.runId, e.workflowId, e, startOf(e), false);
    if (task === undefined) return;
    const span = task.span;
    span.setAttribute(A.TaskStatus, e.status);
    const ran = e.status !== TaskStatus.Skipped && e.attempt > 0;
    if (ran) span.setAttribute(A.TaskRetryCount, open === undefined ? Math.max(0, e.attempt - 1) : task.retries);
    if (e.duration !== undefined) span.setAttribute(A.TaskDuration, e.duration / 1000);
    if (e.status === TaskStatus.Failed) {
      if (e.error !== undefined) span.recordException({ name: e.error.exception, message: e.error.message, stack: e.error.stack }, e.at);
      span.setStatus({ code: SpanStatusCode.ERROR, message: e.error === undefined ? 'Failed' : `${e.error.exception}: ${e.error.message}` });
    } else if (e.status === TaskStatus.Completed) {
      span.setStatus({ code: SpanStatusCode.OK });
    }
    span.end(e.at);
  }

  #onCallbackError(e: CallbackErrorEvent): void {
    const run = this.#runs.get(e.runId);
    if (run === undefined) return;
    const task = e.taskId === undefined ? {} : { [A.TaskId]: e.taskId };
    run.span.addEvent(DotflowSpanEvent.CallbackError, { [A.CallbackSource]: e.source, ...task, ...exceptionAttributes(e.error) }, e.at);
  }

  /** The run's open spans, started at `at` if the run has none yet. */
  #run(runId: string, workflowId: string, at: Date): RunSpans {
    return this.#runs.get(runId) ?? this.#open(runId, workflowId, at, true);
  }

  #open(runId: string, workflowId: string, at: Date, keep: boolean): RunSpans {
    // Each run is a trace of its own: events reach observers after the fact, out of the caller's context.
    const span = this.#tracer.startSpan(
      `workflow:${workflowId}`,
      { kind: SpanKind.INTERNAL, root: true, startTime: at, attributes: { [A.WorkflowId]: workflowId, [A.RunId]: runId } },
      ROOT_CONTEXT,
    );
    const run: RunSpans = { span, context: trace.setSpan(ROOT_CONTEXT, span), tasks: new Map() };
    if (keep) this.#runs.add(runId, run);
    return run;
  }

  /**
   * The task's open span, started at `at` (a child of its run's span) if it has none yet; with
   * `keep: false` a new span is not kept (it is about to end). Undefined for an evicted run.
   */
  #task(runId: string, workflowId: string, t: Pick<TaskEvent, 'taskId' | 'name' | 'group'>, at: Date, keep = true): TaskSpan | undefined {
    if (this.#runs.isEvicted(runId)) return undefined;
    const run = this.#run(runId, workflowId, at);
    const open = run.tasks.get(t.taskId);
    if (open !== undefined) return open;
    const span = this.#tracer.startSpan(
      `task:${t.taskId}`,
      {
        kind: SpanKind.INTERNAL,
        startTime: at,
        attributes: { [A.WorkflowId]: workflowId, [A.RunId]: runId, [A.TaskId]: t.taskId, [A.TaskName]: t.name, [A.TaskGroup]: t.group },
      },
      run.context,
    );
    const task: TaskSpan = { span, retries: 0 };
    if (keep) run.tasks.set(t.taskId, task);
    return task;
  }
}

/** Why a span ended without its final event. */
type Incomplete = 'evicted' | 'closed' | 'workflow-ended';

/** Where an event's span starts when nothing started it earlier: `at` less its duration, if known. */
function startOf(e: { readonly at: Date; readonly duration?: number }): Date {
  return e.duration === undefined ? e.at : new Date(e.at.getTime() - e.duration);
}

/** Ends a run's open task spans without their final events (forgotten first: an `end()` may throw). */
function endOpenTasks(run: RunSpans, why: Incomplete, at: Date): void {
  const tasks = [...run.tasks.values()];
  run.tasks.clear();
  for (const { span } of tasks) {
    span.setAttribute(A.Incomplete, why);
    span.end(at);
  }
}

/** Ends a run's open task spans and its workflow span without their final events. */
function endIncomplete(run: RunSpans, why: Incomplete, at: Date): void {
  endOpenTasks(run, why, at);
  run.span.setAttribute(A.Incomplete, why);
  run.span.end(at);
}
