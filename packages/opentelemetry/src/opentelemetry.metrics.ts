import { metrics, type Attributes, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';
import { TaskStatus, WorkflowStatus, type DotflowEvent, type Observer, type TaskEvent, type WorkflowEvent } from '@dotflow/core';
import { forceFlushWithin } from './internal/force-flush';
import { DEFAULT_FLUSH_TIMEOUT_MS, nonNegativeMs } from './internal/options';
import { SCOPE_NAME, VERSION } from './version';

/**
 * Options of {@link OpenTelemetryMetrics}.
 *
 * @example
 * ```ts
 * new OpenTelemetryMetrics({ meterProvider, attributes: (e) => (e.type === 'task' ? { group: e.group } : {}) });
 * ```
 */
export interface OpenTelemetryMetricsOptions {
  /**
   * Where measurements go. @defaultValue the global provider (`metrics.getMeterProvider()`, read on
   * each event, so one registered later is used from then on; never set by this package)
   */
  readonly meterProvider?: MeterProvider;
  /**
   * More attributes for every measurement of a workflow or task event, next to `status` (keep them
   * low-cardinality: a workflow's name, not its run id). @defaultValue none
   */
  readonly attributes?: (event: WorkflowEvent | TaskEvent) => Attributes;
  /** How long `flush()` / `close()` wait for the provider's `forceFlush()`. @defaultValue 5000 */
  readonly flushTimeoutMs?: number;
}

/**
 * The instrument names, as the reference's.
 *
 * @example
 * ```ts
 * const total = resourceMetrics.scopeMetrics[0]?.metrics.find((m) => m.descriptor.name === DotflowMetric.TaskTotal);
 * ```
 */
export const DotflowMetric = {
  /** Counter: +1 `{status: 'started'}` per run, +1 `{status: 'completed' | 'failed' | 'cancelled'}` at its end. */
  WorkflowTotal: 'dotflow_workflow_total',
  /** Histogram (s): a run's duration, with its final `status`. */
  WorkflowDuration: 'dotflow_workflow_duration_seconds',
  /** Counter: +1 per task final status, `{status: 'completed' | 'failed' | 'cancelled' | 'skipped'}`. */
  TaskTotal: 'dotflow_task_total',
  /** Histogram (s): a task's duration, retries and waits included, with its `status` (tasks that ran). */
  TaskDuration: 'dotflow_task_duration_seconds',
  /** Counter: +1 per Retry (no attributes but `attributes()`'s). */
  TaskRetryTotal: 'dotflow_task_retry_total',
} as const;

/** Bucket bounds for durations in seconds (the SDK's default buckets are made for milliseconds). */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

interface Instruments {
  readonly provider: MeterProvider;
  readonly workflowTotal: Counter;
  readonly workflowDuration: Histogram;
  readonly taskTotal: Counter;
  readonly taskDuration: Histogram;
  readonly taskRetry: Counter;
}

const FINAL_WORKFLOW: ReadonlySet<string> = new Set([WorkflowStatus.Completed, WorkflowStatus.Failed, WorkflowStatus.Cancelled]);
const FINAL_TASK: ReadonlySet<string> = new Set([TaskStatus.Completed, TaskStatus.Failed, TaskStatus.Cancelled, TaskStatus.Skipped]);

/**
 * An {@link Observer} that counts runs, tasks and retries and records their durations in
 * seconds, with the reference's instrument names and `status` attribute (lower case:
 * `started`, `completed`, `failed`, `cancelled`, `skipped`). Never sets a global; never shuts the
 * provider down.
 *
 * @throws InvalidOpenTelemetryOptionsError for a `flushTimeoutMs` out of range.
 * @example
 * ```ts
 * const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() })] });
 * const config = new Config({ metrics: new OpenTelemetryMetrics({ meterProvider }) });
 * // … runs …
 * await config.close(); // forceFlush(): the last measurements are exported
 * ```
 */
export class OpenTelemetryMetrics implements Observer {
  readonly #given: MeterProvider | undefined;
  readonly #attributes: ((event: WorkflowEvent | TaskEvent) => Attributes) | undefined;
  readonly #flushTimeoutMs: number;
  #instruments: Instruments | undefined;

  public constructor(options: OpenTelemetryMetricsOptions = {}) {
    this.#given = options.meterProvider;
    this.#attributes = options.attributes;
    this.#flushTimeoutMs = nonNegativeMs('OpenTelemetryMetrics', 'flushTimeoutMs', options.flushTimeoutMs, DEFAULT_FLUSH_TIMEOUT_MS);
  }

  public onEvent(event: DotflowEvent): void {
    if (event.type === 'workflow') this.#onWorkflow(event);
    else if (event.type === 'task') this.#onTask(event);
  }

  /** Resolves when the provider's `forceFlush()` does (exports what the readers hold). @throws FlushTimeoutError after `flushTimeoutMs`. */
  public flush(): Promise<void> {
    return forceFlushWithin(this.#provider(), 'OpenTelemetryMetrics', this.#flushTimeoutMs);
  }

  /** Flushes. The provider is not shut down: it is yours (call its `shutdown()` when you are done with it). */
  public close(): Promise<void> {
    return this.flush();
  }

  #provider(): MeterProvider {
    return this.#given ?? metrics.getMeterProvider();
  }

  /** The instruments of the current provider (made again if the global provider changed). */
  #use(): Instruments {
    const provider = this.#provider();
    if (this.#instruments?.provider === provider) return this.#instruments;
    const meter = provider.getMeter(SCOPE_NAME, VERSION);
    const seconds = { unit: 's', advice: { explicitBucketBoundaries: SECONDS_BUCKETS } };
    this.#instruments = {
      provider,
      workflowTotal: meter.createCounter(DotflowMetric.WorkflowTotal, { description: 'Workflow runs started and ended, by status' }),
      workflowDuration: meter.createHistogram(DotflowMetric.WorkflowDuration, { description: 'Duration of workflow runs', ...seconds }),
      taskTotal: meter.createCounter(DotflowMetric.TaskTotal, { description: 'Tasks ended, by final status' }),
      taskDuration: meter.createHistogram(DotflowMetric.TaskDuration, { description: 'Duration of tasks that ran, retries and waits included', ...seconds }),
      taskRetry: meter.createCounter(DotflowMetric.TaskRetryTotal, { description: 'Failed attempts that were retried' }),
    };
    return this.#instruments;
  }

  #with(event: WorkflowEvent | TaskEvent, status: string | undefined): Attributes {
    const extra = this.#attributes === undefined ? {} : this.#attributes(event);
    return status === undefined ? { ...extra } : { ...extra, status };
  }

  #onWorkflow(e: WorkflowEvent): void {
    if (e.status === WorkflowStatus.InProgress) this.#use().workflowTotal.add(1, this.#with(e, 'started'));
    else if (FINAL_WORKFLOW.has(e.status)) this.#final(e, 'workflowTotal', 'workflowDuration');
  }

  #onTask(e: TaskEvent): void {
    if (e.status === TaskStatus.Retry) this.#use().taskRetry.add(1, this.#with(e, undefined));
    else if (FINAL_TASK.has(e.status)) this.#final(e, 'taskTotal', 'taskDuration');
  }

  /** A final status: +1 on the counter, and the duration (if any) in seconds, both with the status. */
  #final(e: WorkflowEvent | TaskEvent, total: 'workflowTotal' | 'taskTotal', duration: 'workflowDuration' | 'taskDuration'): void {
    const instruments = this.#use();
    const attributes = this.#with(e, e.status.toLowerCase());
    instruments[total].add(1, attributes);
    if (e.duration !== undefined) instruments[duration].record(e.duration / 1000, attributes);
  }
}
