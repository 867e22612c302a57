/**
 * OpenTelemetry: `OpenTelemetryTracer` records a span `workflow:<workflowId>` per run and a child
 * `task:<taskId>` per task; the spans a step starts itself (an HTTP client's, a database driver's,
 * your own) nest under its task span. `OpenTelemetryMetrics` counts runs, tasks and retries and
 * records their durations in seconds. Both take a provider (or use the global one) and never set
 * a global themselves.
 *
 * This example runs offline: spans go to an in-memory exporter and are printed as a tree, metrics
 * to an in-memory exporter read at the end. In an app, put an OTLP exporter behind a
 * BatchSpanProcessor instead (see packages/opentelemetry/README.md).
 *
 * Run: npm run build && node examples/dist/opentelemetry.js
 */
import 'reflect-metadata';
import { context, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { Config, ConsoleLog, DotFlow, action, type StepContext, type WorkflowResult } from '@dotflow/core';
import { DotflowAttribute, OpenTelemetryMetrics, OpenTelemetryTracer } from '@dotflow/opentelemetry';

/** The workflow's steps; `app` is the app's own tracer, what a step's libraries would use. */
export function usersSteps(app: Tracer) {
  const fetchUsers = action(async function fetchUsers() {
    // A span of the step's own: a child of task:fetchUsers, because the tracer runs each attempt
    // with its task span active.
    return app.startActiveSpan('GET /users', async (span: Span) => {
      await new Promise((resolve) => setTimeout(resolve, 5)); // stands for the request
      span.setAttribute('http.response.status_code', 200);
      span.end();
      return ['Alice', 'Bob'];
    });
  });

  // Fails its first attempt: the task span gets a dotflow.task.retry event with the error.
  const enrich = action({ retry: 2, retryDelay: 10 }, function enrich({ previousContext, task }: StepContext<string[]>) {
    if (task.attempt === 1) throw new Error('directory busy');
    return previousContext.storage.map((name) => ({ name, email: `${name.toLowerCase()}@example.com` }));
  });

  const save = action(function save({ previousContext }: StepContext<unknown[]>) {
    app.startSpan('INSERT users').end();
    return previousContext.storage.length;
  });
  return [fetchUsers, enrich, save];
}

/** One line per span, indented under its parent: name, status and what Dotflow recorded. */
export function spanTree(finished: readonly ReadableSpan[]): string[] {
  const lines: string[] = [];
  const children = (parent: string | undefined): ReadableSpan[] =>
    finished.filter((s) => s.parentSpanContext?.spanId === parent).sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
  const walk = (span: ReadableSpan, depth: number): void => {
    const status = ['UNSET', 'OK', 'ERROR'][span.status.code] ?? '?';
    const retries = span.attributes[DotflowAttribute.TaskRetryCount];
    const events = span.events.map((e) => e.name).join(', ');
    lines.push(`${'  '.repeat(depth)}${span.name} [${status}]${retries ? ` retries: ${String(retries)}` : ''}${events ? ` events: ${events}` : ''}`);
    for (const child of children(span.spanContext().spanId)) walk(child, depth + 1);
  };
  for (const root of children(undefined)) walk(root, 0);
  return lines;
}

export interface OpenTelemetryOutcome {
  readonly result: WorkflowResult;
  /** The span tree, as printed. */
  readonly tree: string[];
  /** The metrics' counters: `name{status}` → value. */
  readonly counters: Record<string, number>;
}

export async function main(log: (line: string) => void = console.log): Promise<OpenTelemetryOutcome> {
  // Nesting needs a context manager; the app installs it (NodeTracerProvider.register() or the
  // NodeSDK do the same), Dotflow never does.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 })] });

  const config = new Config({
    log: new ConsoleLog({ level: 'silent' }),
    tracer: new OpenTelemetryTracer({ tracerProvider }),
    metrics: new OpenTelemetryMetrics({ meterProvider }),
  });
  try {
    const workflow = new DotFlow({ workflowId: 'users-sync', config });
    workflow.task.add({ step: usersSteps(tracerProvider.getTracer('users-service')) });
    const result = await workflow.start();
    await config.close(); // observers get events after the fact: flush before reading or exiting

    const tree = spanTree(spans.getFinishedSpans());
    log(`workflow ${result.workflowId}: ${result.status} in ${result.duration.toFixed(0)} ms`);
    for (const line of tree) log(line);

    const counters: Record<string, number> = {};
    for (const scope of metricExporter.getMetrics().at(-1)?.scopeMetrics ?? []) {
      for (const metric of scope.metrics) {
        if (metric.descriptor.name.endsWith('_seconds')) continue; // histograms
        for (const point of metric.dataPoints) {
          const status = point.attributes['status'];
          counters[`${metric.descriptor.name}${typeof status === 'string' ? `{${status}}` : ''}`] = point.value as number;
        }
      }
    }
    for (const [name, value] of Object.entries(counters)) log(`${name} ${value}`);
    return { result, tree, counters };
  } finally {
    await meterProvider.shutdown();
    await tracerProvider.shutdown();
    context.disable();
    contextManager.disable();
  }
}

if (require.main === module) void main();
