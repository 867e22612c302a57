import 'reflect-metadata';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { MemoryStorage, TaskStatus, WorkflowStatus, action, type Config, type StepContext } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { DotflowAttribute as A, DotflowSpanEvent, OpenTelemetryTracer } from '@dotflow/opentelemetry';
import { newFlow, quietConfig, testTracing, times, useContextManager, type TestTracing } from './harness';

useContextManager();

let tracing: TestTracing;
let config: Config | undefined;
beforeEach(() => {
  tracing = testTracing();
});
afterEach(async () => {
  await config?.close();
  config = undefined;
  await tracing.provider.shutdown();
});

/** A config whose tracer records to `tracing`. */
function traced(options: Parameters<typeof quietConfig>[0] = {}): Config {
  config = quietConfig({ tracer: new OpenTelemetryTracer({ tracerProvider: tracing.provider }), ...options });
  return config;
}

const extract = action({ name: 'extract' }, async () => {
  await Promise.resolve();
  return { rows: 3 };
});
const load = action({ name: 'load' }, ({ previousContext }: StepContext<{ rows: number }>) => `${previousContext.storage.rows} rows`);

describe('OpenTelemetryTracer', () => {
  it('records a workflow:<id> span per run with a task:<id> child per task, the reference attributes, OK statuses, and the events\' times', async () => {
    const flow = newFlow({ workflowId: 'etl', name: 'nightly', config: traced() });
    flow.task.add({ step: [extract, load] });
    const result = await flow.start();
    await config?.flush();

    expect(tracing.spans().map((s) => s.name).sort()).toEqual(['task:extract', 'task:load', 'workflow:etl']);
    const workflow = tracing.span('workflow:etl');
    expect(workflow.parentSpanContext).toBeUndefined();
    expect(workflow.instrumentationScope.name).toBe('@dotflow/opentelemetry');
    expect(workflow.attributes).toEqual({
      [A.WorkflowId]: 'etl',
      [A.RunId]: result.runId,
      [A.WorkflowName]: 'nightly',
      [A.WorkflowStatus]: WorkflowStatus.Completed,
      [A.Duration]: result.duration / 1000,
    });
    expect(workflow.status).toEqual({ code: SpanStatusCode.OK });

    const children = tracing.childrenOf(workflow);
    expect(children.map((s) => s.name)).toEqual(['task:extract', 'task:load']);
    for (const [i, span] of children.entries()) {
      const task = result.tasks[i];
      expect(span.spanContext().traceId).toBe(workflow.spanContext().traceId);
      expect(span.attributes).toEqual({
        [A.WorkflowId]: 'etl',
        [A.RunId]: result.runId,
        [A.TaskId]: task?.taskId,
        [A.TaskName]: task?.name,
        [A.TaskGroup]: 'default',
        [A.TaskStatus]: TaskStatus.Completed,
        [A.TaskRetryCount]: 0,
        [A.TaskDuration]: (task?.duration ?? NaN) / 1000,
      });
      expect(span.status).toEqual({ code: SpanStatusCode.OK });
      // ended at the final event's time; started when its first attempt began (the same ms)
      const [start, end] = times(span);
      expect(end).toBe(task?.finishedAt?.getTime());
      expect(Math.abs(start - (task?.startedAt?.getTime() ?? NaN))).toBeLessThanOrEqual(1);
    }
    const [wStart, wEnd] = times(workflow);
    const [firstStart] = times(children[0] ?? workflow);
    expect(wStart).toBeLessThanOrEqual(firstStart);
    expect(wEnd).toBeGreaterThanOrEqual(times(children[1] ?? workflow)[1]);
  });

  it('puts the spans a step starts under its task span, across awaits and on every attempt', async () => {
    const app = tracing.provider.getTracer('app');
    let attempts = 0;
    const fetchUsers = action({ name: 'fetchUsers', retry: 2, retryDelay: 1 }, async () => {
      attempts++;
      await new Promise((resolve) => setImmediate(resolve)); // a macrotask: the context must survive it
      await app.startActiveSpan(`db.query#${attempts}`, async (span) => {
        await Promise.resolve();
        app.startSpan('db.row').end(); // a grandchild: parent from the active context
        span.end();
      });
      if (attempts === 1) throw new Error('flaky');
      return ['Alice'];
    });
    const flow = newFlow({ workflowId: 'users', config: traced() });
    flow.task.add({ step: [extract, fetchUsers] });
    await flow.start();
    await config?.flush();

    const task = tracing.span('task:fetchUsers');
    expect(tracing.childrenOf(task).map((s) => s.name).sort()).toEqual(['db.query#1', 'db.query#2']);
    for (const query of tracing.childrenOf(task)) {
      expect(query.spanContext().traceId).toBe(task.spanContext().traceId);
      expect(tracing.childrenOf(query).map((s) => s.name)).toEqual(['db.row']);
    }
    // nothing leaked into the other task, and no step span is a root
    expect(tracing.childrenOf(tracing.span('task:extract'))).toEqual([]);
    expect(tracing.spans().filter((s) => s.parentSpanContext === undefined).map((s) => s.name)).toEqual(['workflow:users']);
    // outside a step, no Dotflow span is active
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('keeps concurrent tasks apart (parallel mode): each step\'s spans under its own task', async () => {
    const app = tracing.provider.getTracer('app');
    const step = (name: string, delayMs: number) => action({ name }, async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs)); // they interleave
      app.startSpan(`work:${name}`).end();
    });
    const flow = newFlow({ workflowId: 'parallel', config: traced() });
    flow.task.add({ step: [step('a', 15), step('b', 5), step('c', 10)] });
    await flow.start({ mode: 'parallel' });
    await config?.flush();
    for (const name of ['a', 'b', 'c']) {
      expect(tracing.childrenOf(tracing.span(`task:${name}`)).map((s) => s.name)).toEqual([`work:${name}`]);
    }
  });

  it('records retries as span events with the error; a failed task gets an exception event and ERROR, and so does its workflow', async () => {
    let calls = 0;
    const flaky = action({ name: 'flaky', retry: 3, retryDelay: 1 }, () => {
      calls++;
      throw new TypeError(`broken ${calls}`);
    });
    const flow = newFlow({ workflowId: 'failing', config: traced() });
    flow.task.add({ step: flaky });
    const result = await flow.start();
    await config?.flush();
    expect(result.status).toBe(WorkflowStatus.Failed);

    const span = tracing.span('task:flaky');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'TypeError: broken 3' });
    expect(span.attributes[A.TaskStatus]).toBe(TaskStatus.Failed);
    expect(span.attributes[A.TaskRetryCount]).toBe(2);
    const errors = result.tasks[0]?.errors ?? [];
    expect(span.events.map((e) => e.name)).toEqual([DotflowSpanEvent.Retry, DotflowSpanEvent.Retry, 'exception']);
    expect(span.events[0]?.attributes).toEqual({
      [A.TaskAttempt]: 1,
      'exception.type': 'TypeError',
      'exception.message': 'broken 1',
      'exception.stacktrace': errors[0]?.stack,
    });
    expect(span.events[1]?.attributes?.['exception.message']).toBe('broken 2');
    expect(span.events[2]?.attributes).toEqual({
      'exception.type': 'TypeError',
      'exception.message': 'broken 3',
      'exception.stacktrace': errors[2]?.stack,
    });
    const workflow = tracing.span('workflow:failing');
    expect(workflow.status).toEqual({ code: SpanStatusCode.ERROR, message: 'workflow failed' });
    expect(workflow.attributes[A.WorkflowStatus]).toBe(WorkflowStatus.Failed);
  });

  it('gives a task restored from its checkpoint (Skipped) a zero-length span with status unset', async () => {
    const storage = new MemoryStorage();
    let fail = true;
    const transform = action({ name: 'transform' }, () => {
      if (fail) throw new Error('once');
      return 'ok';
    });
    const flow = newFlow({ workflowId: 'resumable', config: traced({ storage }) });
    flow.task.add({ step: [extract, transform] });
    await flow.start();
    fail = false;
    const resumed = await flow.start({ resume: true });
    await config?.flush();
    expect(resumed.tasks.map((t) => t.status)).toEqual([TaskStatus.Skipped, TaskStatus.Completed]);

    const second = tracing.spans().find((s) => s.name === 'workflow:resumable' && s.attributes[A.RunId] === resumed.runId);
    expect(second?.status).toEqual({ code: SpanStatusCode.OK });
    const [skipped, ran] = second === undefined ? [] : tracing.childrenOf(second);
    expect(skipped?.name).toBe('task:extract');
    expect(skipped?.attributes[A.TaskStatus]).toBe(TaskStatus.Skipped);
    expect(skipped?.attributes[A.TaskRetryCount]).toBeUndefined();
    expect(skipped?.status).toEqual({ code: SpanStatusCode.UNSET });
    const [start, end] = skipped === undefined ? [NaN, NaN] : times(skipped);
    expect(end - start).toBe(0);
    expect(ran?.name).toBe('task:transform');
    expect(ran?.status).toEqual({ code: SpanStatusCode.OK });
  });

  it('ends a cancelled run\'s spans with status unset: the running task, the one never started, and the workflow', async () => {
    const controller = new AbortController();
    const wait = action({ name: 'wait' }, ({ signal }: StepContext) => new Promise((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      controller.abort();
    }));
    const never = action({ name: 'never' }, () => 'never');
    const flow = newFlow({ workflowId: 'cancelled', config: traced() });
    flow.task.add({ step: [wait, never] });
    const result = await flow.start({ signal: controller.signal });
    await config?.flush();
    expect(result.status).toBe(WorkflowStatus.Cancelled);

    const workflow = tracing.span('workflow:cancelled');
    expect(workflow.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(workflow.attributes[A.WorkflowStatus]).toBe(WorkflowStatus.Cancelled);
    const running = tracing.span('task:wait');
    expect(running.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(running.attributes[A.TaskStatus]).toBe(TaskStatus.Cancelled);
    expect(running.attributes[A.TaskRetryCount]).toBe(0);
    expect(running.events).toEqual([]);
    const unstarted = tracing.span('task:never');
    expect(unstarted.parentSpanContext?.spanId).toBe(workflow.spanContext().spanId);
    expect(unstarted.attributes[A.TaskStatus]).toBe(TaskStatus.Cancelled);
    expect(unstarted.attributes[A.TaskRetryCount]).toBeUndefined();
    expect(unstarted.status).toEqual({ code: SpanStatusCode.UNSET });
  });

  it('keeps overlapping runs of one workflow id apart by run id: a trace each, each task under its own run', async () => {
    const tracer = new OpenTelemetryTracer({ tracerProvider: tracing.provider });
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let waiting = 0;
    let bothWaiting = (): void => undefined;
    const both = new Promise<void>((resolve) => { bothWaiting = resolve; });
    const step = action({ name: 'step' }, async () => {
      if (++waiting === 2) bothWaiting();
      await gate;
      return 'done';
    });
    // two configs (two storages: the same id may run on each at once), one tracer
    const configs = [quietConfig({ tracer }), quietConfig({ tracer })];
    const flows = configs.map((c) => newFlow({ workflowId: 'same', config: c }));
    for (const f of flows) f.task.add({ step });
    const runs = flows.map((f) => f.start());
    await both;
    expect(tracer.openRuns).toBe(2);
    release();
    const results = await Promise.all(runs);
    await Promise.all(configs.map((c) => c.flush()));
    expect(tracer.openRuns).toBe(0);

    const workflows = tracing.spans().filter((s) => s.name === 'workflow:same');
    expect(workflows).toHaveLength(2);
    expect(new Set(workflows.map((w) => w.spanContext().traceId)).size).toBe(2);
    expect(new Set(workflows.map((w) => w.attributes[A.RunId]))).toEqual(new Set(results.map((r) => r.runId)));
    for (const w of workflows) {
      const tasks = tracing.childrenOf(w);
      expect(tasks.map((t) => t.name)).toEqual(['task:step']);
      expect(tasks[0]?.attributes[A.RunId]).toBe(w.attributes[A.RunId]);
    }
  });

  it('takes span times from the events\' at: on a virtual clock (given to the tracer too), exactly the virtual times', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const slow = action({ name: 'slow', retry: 2, retryDelay: 500 }, async ({ task }: StepContext) => {
      if (task.attempt === 1) throw new Error('first');
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 250));
      return 'ok';
    });
    const flow = newFlow({ workflowId: 'virtual', config: traced({ clock, tracer: new OpenTelemetryTracer({ tracerProvider: tracing.provider, clock }) }) });
    flow.task.add({ step: slow });
    const done = flow.start();
    await clock.runAll();
    const result = await done;
    await config?.flush();

    const t0 = Date.UTC(2026, 0, 1);
    expect(times(tracing.span('task:slow'))).toEqual([t0, t0 + 750]);
    expect(times(tracing.span('workflow:virtual'))).toEqual([t0, t0 + 750]);
    expect(result.duration).toBe(750);
    const [retry] = tracing.span('task:slow').events;
    expect(retry?.time).toEqual([Math.floor(t0 / 1000), (t0 % 1000) * 1e6]);
  });

  it('adds a callback that threw as an event on the workflow span', async () => {
    const flow = newFlow({ workflowId: 'callbacks', config: traced() });
    flow.task.add({ step: extract, callback: () => { throw new RangeError('bad callback'); } });
    await flow.start();
    await config?.flush();
    const [event] = tracing.span('workflow:callbacks').events;
    expect(event?.name).toBe(DotflowSpanEvent.CallbackError);
    expect(event?.attributes).toMatchObject({ [A.CallbackSource]: 'callback', [A.TaskId]: 'extract', 'exception.type': 'RangeError', 'exception.message': 'bad callback' });
  });
});
