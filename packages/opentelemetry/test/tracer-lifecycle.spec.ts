import 'reflect-metadata';
import { SpanStatusCode, trace, type TracerProvider } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { TaskStatus, WorkflowStatus, action, type AttemptInfo, type TaskEvent, type WorkflowEvent } from '@dotflow/core';
import { DotflowAttribute as A, FlushTimeoutError, InvalidOpenTelemetryOptionsError, OpenTelemetryTracer } from '@dotflow/opentelemetry';
import {
  HangingExporter,
  RecordingLog,
  ThrowingExporter,
  ThrowingProcessor,
  newFlow,
  quietConfig,
  testTracing,
  times,
  useContextManager,
  type TestTracing,
} from './harness';

useContextManager();

const T0 = Date.UTC(2026, 0, 1);
const at = (ms: number): Date => new Date(T0 + ms);

function workflowEvent(runId: string, status: WorkflowEvent['status'], ms: number, duration?: number): WorkflowEvent {
  return { type: 'workflow', workflowId: `wf-${runId}`, runId, name: 'flow', status, at: at(ms), duration };
}
function taskEvent(runId: string, taskId: string, status: TaskEvent['status'], ms: number, extra: Partial<TaskEvent> = {}): TaskEvent {
  return { type: 'task', workflowId: `wf-${runId}`, runId, taskId, name: taskId, group: 'default', status, attempt: 1, at: at(ms), ...extra };
}
function attempt(runId: string, taskId: string): AttemptInfo {
  return { workflowId: `wf-${runId}`, runId, taskId, name: taskId, group: 'default', attempt: 1, signal: new AbortController().signal };
}

let tracing: TestTracing;
afterEach(async () => {
  await tracing.provider.shutdown();
});

describe('OpenTelemetryTracer state', () => {
  beforeEach(() => {
    tracing = testTracing();
  });

  it('forgets a run on its final event', () => {
    const tracer = new OpenTelemetryTracer({ tracerProvider: tracing.provider });
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.InProgress, 0));
    tracer.onEvent(taskEvent('r1', 'a', TaskStatus.InProgress, 1));
    expect(tracer.openRuns).toBe(1);
    tracer.onEvent(taskEvent('r1', 'a', TaskStatus.Completed, 5, { duration: 4 }));
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.Completed, 6, 6));
    expect(tracer.openRuns).toBe(0);
    expect(times(tracing.span('task:a'))).toEqual([T0 + 1, T0 + 5]);
    expect(times(tracing.span('workflow:wf-r1'))).toEqual([T0, T0 + 6]);
  });

  it('keeps at most maxOpenRuns runs: one more ends the oldest\'s spans as evicted, and that run\'s late events are ignored', () => {
    const tracer = new OpenTelemetryTracer({ tracerProvider: tracing.provider, maxOpenRuns: 2, clock: { now: () => T0 + 100 } });
    for (const run of ['r1', 'r2', 'r3']) {
      tracer.onEvent(workflowEvent(run, WorkflowStatus.InProgress, 0));
      tracer.onEvent(taskEvent(run, 'a', TaskStatus.InProgress, 1));
    }
    expect(tracer.openRuns).toBe(2);
    const evicted = tracing.spans();
    expect(evicted.map((s) => s.name)).toEqual(['task:a', 'workflow:wf-r1']);
    for (const span of evicted) {
      expect(span.attributes[A.Incomplete]).toBe('evicted');
      expect(span.attributes[A.RunId]).toBe('r1');
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(times(span)[1]).toBe(T0 + 100);
    }
    // r1's final events come late: nothing new is opened for it
    tracer.onEvent(taskEvent('r1', 'a', TaskStatus.Completed, 5, { duration: 4 }));
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.Completed, 6, 6));
    expect(tracer.openRuns).toBe(2);
    expect(tracing.spans()).toHaveLength(2);
  });

  it('a run whose In progress was lost still gets its spans, started where the durations say', () => {
    const tracer = new OpenTelemetryTracer({ tracerProvider: tracing.provider });
    tracer.onEvent(taskEvent('r1', 'a', TaskStatus.Completed, 50, { attempt: 3, duration: 40 }));
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.Completed, 60, 60));
    const task = tracing.span('task:a');
    expect(times(task)).toEqual([T0 + 10, T0 + 50]);
    expect(task.attributes[A.TaskRetryCount]).toBe(2);
    // the workflow span starts with the first thing seen of the run
    expect(times(tracing.span('workflow:wf-r1'))).toEqual([T0 + 10, T0 + 60]);
    expect(task.parentSpanContext?.spanId).toBe(tracing.span('workflow:wf-r1').spanContext().spanId);
    expect(tracer.openRuns).toBe(0);
  });

  it('aroundAttempt may see a task first: it starts the spans (on its clock), and the events find them', async () => {
    const tracer = new OpenTelemetryTracer({ tracerProvider: tracing.provider, clock: { now: () => T0 + 2 } });
    const inside = await tracer.aroundAttempt(attempt('r1', 'a'), () => Promise.resolve(trace.getActiveSpan()?.spanContext().spanId));
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.InProgress, 0));
    tracer.onEvent(taskEvent('r1', 'a', TaskStatus.InProgress, 1));
    tracer.onEvent(taskEvent('r1', 'a', TaskStatus.Completed, 5, { duration: 4 }));
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.Completed, 6, 6));
    expect(tracing.spans().map((s) => s.name)).toEqual(['task:a', 'workflow:wf-r1']);
    const task = tracing.span('task:a');
    expect(task.spanContext().spanId).toBe(inside);
    expect(times(task)).toEqual([T0 + 2, T0 + 5]);
    expect(tracing.span('workflow:wf-r1').attributes[A.WorkflowName]).toBe('flow');
  });

  it('a task span still open at its workflow\'s final event is ended there, marked workflow-ended', () => {
    const tracer = new OpenTelemetryTracer({ tracerProvider: tracing.provider });
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.InProgress, 0));
    tracer.onEvent(taskEvent('r1', 'a', TaskStatus.InProgress, 1));
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.Failed, 9, 9));
    expect(tracing.span('task:a').attributes[A.Incomplete]).toBe('workflow-ended');
    expect(times(tracing.span('task:a'))[1]).toBe(T0 + 9);
  });

  it('close() ends the spans of runs still open as closed and flushes; the provider is not shut down', async () => {
    const tracer = new OpenTelemetryTracer({ tracerProvider: tracing.provider });
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.InProgress, 0));
    tracer.onEvent(taskEvent('r1', 'a', TaskStatus.InProgress, 1));
    await tracer.close();
    expect(tracer.openRuns).toBe(0);
    expect(tracing.spans().map((s) => [s.name, s.attributes[A.Incomplete]])).toEqual([['task:a', 'closed'], ['workflow:wf-r1', 'closed']]);
    // still usable
    tracing.provider.getTracer('app').startSpan('after').end();
    expect(tracing.spans().map((s) => s.name)).toContain('after');
  });

  it('refuses options out of range, naming the option and the value', () => {
    expect(() => new OpenTelemetryTracer({ maxOpenRuns: 0 })).toThrow(InvalidOpenTelemetryOptionsError);
    expect(() => new OpenTelemetryTracer({ maxOpenRuns: 1.5 })).toThrow('new OpenTelemetryTracer(): "maxOpenRuns" must be an integer ≥ 1, got 1.5');
    expect(() => new OpenTelemetryTracer({ flushTimeoutMs: -1 })).toThrow('"flushTimeoutMs" must be a number of ms ≥ 0, got -1');
  });
});

describe('OpenTelemetryTracer and the global provider', () => {
  beforeEach(() => {
    tracing = testTracing();
  });
  afterEach(() => trace.disable());

  it('uses the global provider by default, registered before or after it was made, and never sets one', async () => {
    const tracer = new OpenTelemetryTracer(); // before any provider is registered
    expect(trace.setGlobalTracerProvider(tracing.provider)).toBe(true);
    const config = quietConfig({ tracer });
    const step = action({ name: 'step' }, () => { trace.getTracer('app').startSpan('inside').end(); });
    const flow = newFlow({ workflowId: 'global', config });
    flow.task.add({ step });
    await flow.start();
    await config.close();
    const inside = tracing.span('inside');
    expect(inside.parentSpanContext?.spanId).toBe(tracing.span('task:step').spanContext().spanId);
    // flush() reached the SDK provider behind the API's proxy
    expect(tracing.exporter.getFinishedSpans()).toHaveLength(3);
  });

  it('a tracer made with no provider registered records nothing and flushes at once', async () => {
    trace.disable();
    const tracer = new OpenTelemetryTracer();
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.InProgress, 0));
    tracer.onEvent(workflowEvent('r1', WorkflowStatus.Completed, 1, 1));
    await expect(tracer.flush()).resolves.toBeUndefined();
    expect(tracing.spans()).toEqual([]);
  });
});

describe('a failing exporter or processor never changes the run', () => {
  const steps = [action({ name: 'a' }, () => 1), action({ name: 'b' }, async () => { await Promise.resolve(); return 2; })];

  async function runWith(provider: TracerProvider, flushTimeoutMs = 50) {
    const log = new RecordingLog('warn');
    const config = quietConfig({ log, tracer: new OpenTelemetryTracer({ tracerProvider: provider, flushTimeoutMs }) });
    const flow = newFlow({ workflowId: 'robust', config });
    flow.task.add({ step: steps });
    const result = await flow.start();
    await config.close();
    return { result, log };
  }

  it('an exporter that throws: the run completes; the SDK reports the export error', async () => {
    tracing = testTracing([], new ThrowingExporter() as unknown as InMemorySpanExporter);
    const { result } = await runWith(tracing.provider);
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Completed]);
    expect(result.duration).toBeLessThan(1_000);
  });

  it('an exporter that never answers: the run completes at once; flush() gives up after flushTimeoutMs with FlushTimeoutError, logged by the Config', async () => {
    const hanging = new HangingExporter();
    tracing = testTracing([], hanging as unknown as InMemorySpanExporter);
    const started = performance.now();
    const { result, log } = await runWith(tracing.provider, 30);
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(result.duration).toBeLessThan(1_000);
    expect(hanging.exported).toBe(3);
    expect(log.records.map((r) => r.error).find((e) => e instanceof FlushTimeoutError)).toBeInstanceOf(FlushTimeoutError);
    expect(log.messages('error').some((m) => m.startsWith('tracer.close threw: FlushTimeoutError: OpenTelemetryTracer: the provider\'s forceFlush() did not settle within 30 ms'))).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each(['start', 'end'] as const)('a span processor whose on%s throws: the run completes, the throws are logged', async (hook) => {
    tracing = testTracing([new ThrowingProcessor(hook)]);
    const { result, log } = await runWith(tracing.provider);
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(result.tasks.map((t) => t.currentContext.storage)).toEqual([1, 2]);
    expect(log.messages('error').length).toBeGreaterThan(0);
  });
});
