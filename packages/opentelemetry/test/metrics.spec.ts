import 'reflect-metadata';
import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type Histogram,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { TaskStatus, WorkflowStatus, action, type Config, type WorkflowResult } from '@dotflow/core';
import { DotflowMetric, FlushTimeoutError, OpenTelemetryMetrics } from '@dotflow/opentelemetry';
import { newFlow, quietConfig } from './harness';

let exporter: InMemoryMetricExporter;
let provider: MeterProvider;
beforeEach(() => {
  exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // exported on forceFlush (the observer's flush), not on a timer
  provider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })] });
});
afterEach(async () => {
  await provider.shutdown();
});

/** The instruments of the last export, by name. */
function collected(): Map<string, MetricData> {
  const last = exporter.getMetrics().at(-1);
  const scope = last?.scopeMetrics.find((s) => s.scope.name === '@dotflow/opentelemetry');
  return new Map((scope?.metrics ?? []).map((m) => [m.descriptor.name, m]));
}

/** `status → value` of a counter's points. */
function counts(metric: MetricData | undefined): Record<string, number> {
  return Object.fromEntries((metric?.dataPoints ?? []).map((p) => [String(p.attributes['status'] ?? '-'), p.value as number]));
}

/** `status → { count, sum }` of a histogram's points. */
function histogram(metric: MetricData | undefined): Record<string, { count: number; sum: number | undefined }> {
  expect(metric?.dataPointType).toBe(DataPointType.HISTOGRAM);
  const points = (metric?.dataPoints ?? []) as DataPoint<Histogram>[];
  return Object.fromEntries(points.map((p) => [String(p.attributes['status']), { count: p.value.count, sum: p.value.sum }]));
}

const ok = action({ name: 'ok' }, () => 'ok');
let calls = 0;
const flaky = action({ name: 'flaky', retry: 2, retryDelay: 1 }, () => {
  if (++calls % 2 === 1) throw new Error('once');
  return 'fine';
});
const broken = action({ name: 'broken', retry: 2, retryDelay: 1 }, () => {
  throw new Error('always');
});

describe('OpenTelemetryMetrics', () => {
  let config: Config;
  afterEach(async () => {
    await config.close();
  });

  it('counts runs, tasks and retries with the reference\'s names and status attributes, and records durations in seconds', async () => {
    config = quietConfig({ metrics: new OpenTelemetryMetrics({ meterProvider: provider }) });
    const good = newFlow({ workflowId: 'good', config });
    good.task.add({ step: [ok, flaky] });
    const bad = newFlow({ workflowId: 'bad', config });
    bad.task.add({ step: [ok, broken] });
    bad.task.add({ step: action({ name: 'after' }, () => 'after') });
    const results: WorkflowResult[] = [await good.start(), await bad.start({ keepGoing: true })];
    await config.flush();
    expect(results.map((r) => r.status)).toEqual([WorkflowStatus.Completed, WorkflowStatus.Failed]);

    const m = collected();
    expect([...m.keys()].sort()).toEqual([
      'dotflow_task_duration_seconds',
      'dotflow_task_retry_total',
      'dotflow_task_total',
      'dotflow_workflow_duration_seconds',
      'dotflow_workflow_total',
    ]);
    expect(counts(m.get(DotflowMetric.WorkflowTotal))).toEqual({ started: 2, completed: 1, failed: 1 });
    expect(counts(m.get(DotflowMetric.TaskTotal))).toEqual({ completed: 4, failed: 1 });
    // one retry of flaky, one of broken (retry: 2 → one retry before it fails); no attributes
    expect(counts(m.get(DotflowMetric.TaskRetryTotal))).toEqual({ '-': 2 });

    const workflows = histogram(m.get(DotflowMetric.WorkflowDuration));
    expect(m.get(DotflowMetric.WorkflowDuration)?.descriptor.unit).toBe('s');
    expect(workflows['completed']).toEqual({ count: 1, sum: (results[0]?.duration ?? NaN) / 1000 });
    expect(workflows['failed']).toEqual({ count: 1, sum: (results[1]?.duration ?? NaN) / 1000 });

    const tasks = histogram(m.get(DotflowMetric.TaskDuration));
    expect(m.get(DotflowMetric.TaskDuration)?.descriptor.unit).toBe('s');
    const all = results.flatMap((r) => r.tasks);
    const sum = (status: string): number => all.filter((t) => t.status === status).reduce((s, t) => s + (t.duration ?? NaN) / 1000, 0);
    expect(tasks['completed']?.count).toBe(4);
    expect(tasks['completed']?.sum).toBeCloseTo(sum(TaskStatus.Completed), 9);
    expect(tasks['failed']).toEqual({ count: 1, sum: sum(TaskStatus.Failed) });
    // seconds buckets, not the SDK's millisecond defaults
    const point = m.get(DotflowMetric.TaskDuration)?.dataPoints[0] as DataPoint<Histogram> | undefined;
    expect(point?.value.buckets.boundaries.slice(0, 3)).toEqual([0.005, 0.01, 0.025]);
  });

  it('counts skipped and cancelled tasks and cancelled runs', async () => {
    config = quietConfig({ metrics: new OpenTelemetryMetrics({ meterProvider: provider }) });
    let fail = true;
    const second = action({ name: 'second' }, () => { if (fail) throw new Error('first run'); return 2; });
    const flow = newFlow({ workflowId: 'resume', config });
    flow.task.add({ step: [ok, second] });
    await flow.start();
    fail = false;
    await flow.start({ resume: true });
    const controller = new AbortController();
    const stop = newFlow({ workflowId: 'stop', config });
    stop.task.add({ step: [action({ name: 'abort' }, () => controller.abort()), action({ name: 'never' }, () => 'never')] });
    await stop.start({ signal: controller.signal });
    await config.flush();

    const m = collected();
    expect(counts(m.get(DotflowMetric.WorkflowTotal))).toEqual({ started: 3, failed: 1, completed: 1, cancelled: 1 });
    expect(counts(m.get(DotflowMetric.TaskTotal))).toEqual({ completed: 3, failed: 1, skipped: 1, cancelled: 1 });
    // only tasks that ran have a duration
    expect(histogram(m.get(DotflowMetric.TaskDuration))['skipped']).toBeUndefined();
    expect(histogram(m.get(DotflowMetric.TaskDuration))['cancelled']).toBeUndefined();
  });

  it('adds the attributes() of each event to its measurements', async () => {
    const seen: string[] = [];
    const attributes = (e: { type: string; status: string }) => {
      seen.push(`${e.type}:${e.status}`);
      return { env: 'test', kind: e.type };
    };
    config = quietConfig({ metrics: new OpenTelemetryMetrics({ meterProvider: provider, attributes }) });
    const flow = newFlow({ workflowId: 'named', config });
    flow.task.add({ step: ok });
    await flow.start();
    await config.flush();
    expect(seen).toEqual(['workflow:In progress', 'task:Completed', 'workflow:Completed']);
    for (const [name, metric] of collected()) {
      for (const point of metric.dataPoints) {
        expect(point.attributes).toMatchObject({ env: 'test', kind: name.startsWith('dotflow_workflow') ? 'workflow' : 'task' });
      }
    }
  });

  it('uses the global meter provider by default, even one registered after it was made, and never sets one', async () => {
    const observer = new OpenTelemetryMetrics();
    config = quietConfig({ metrics: observer });
    const flow = newFlow({ workflowId: 'global', config });
    flow.task.add({ step: ok });
    await flow.start(); // no provider yet: nothing recorded
    await config.flush();
    expect(metrics.setGlobalMeterProvider(provider)).toBe(true);
    try {
      await flow.start();
      await config.flush(); // forceFlush() of the global provider: exported
      expect(counts(collected().get(DotflowMetric.WorkflowTotal))).toEqual({ started: 1, completed: 1 });
    } finally {
      metrics.disable();
    }
  });

  it('flush() gives up after flushTimeoutMs when an export never ends', async () => {
    const hanging = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    hanging.export = () => undefined; // never calls back
    const stuck = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: hanging, exportIntervalMillis: 3_600_000, exportTimeoutMillis: 60 })] });
    const observer = new OpenTelemetryMetrics({ meterProvider: stuck, flushTimeoutMs: 20 });
    config = quietConfig();
    observer.onEvent({ type: 'workflow', workflowId: 'w', runId: 'r', name: 'w', status: WorkflowStatus.InProgress, at: new Date() });
    await expect(observer.flush()).rejects.toThrow(FlushTimeoutError);
    await expect(observer.flush()).rejects.toThrow('OpenTelemetryMetrics: the provider\'s forceFlush() did not settle within 20 ms');
    await stuck.shutdown().catch(() => undefined);
  });
});
