import 'reflect-metadata';
import { firstValueFrom, filter } from 'rxjs';
import { DotFlow, TaskCancelledError, TaskStatus, WorkflowStatus, action, type DotflowEvent, type StepContext } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { quietConfig, record, trail } from './helpers';

/** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason as Error); }, { once: true });
  });
}

/** a (fast) → b (waits 10 s, honours its signal) → c; records started steps and b's signal. */
function threeSteps(mode?: string) {
  const started: string[] = [];
  const signals: AbortSignal[] = [];
  const flow = new DotFlow({ config: quietConfig(), workflowId: 'wf' });
  flow.task.add({ step: action(function a() { started.push('a'); return 'A'; }) });
  flow.task.add({
    step: action(async function b({ signal }: StepContext) { started.push('b'); signals.push(signal); await sleep(10_000, signal); }),
  });
  flow.task.add({ step: action(function c() { started.push('c'); }) });
  const bStarted = firstValueFrom(flow.events$.pipe(filter((e: DotflowEvent) => e.type === 'task' && e.taskId === 'b' && e.status === 'In progress')));
  return { flow, started, signals, bStarted, mode };
}

const expectCancelled = (tasks: readonly { status: string }[]): void => {
  expect(tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Cancelled, TaskStatus.Cancelled]);
};

describe('cancellation', () => {
  it('by StartOptions.signal: running step aborted, the rest Cancelled, workflow Cancelled', async () => {
    const { flow, started, signals, bStarted } = threeSteps();
    const events = record(flow);
    const controller = new AbortController();
    const done = flow.start({ signal: controller.signal });
    await bStarted;
    controller.abort();
    const result = await done;
    expect(result.status).toBe(WorkflowStatus.Cancelled);
    expectCancelled(result.tasks);
    expect(started).toEqual(['a', 'b']);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toBeInstanceOf(TaskCancelledError);
    expect(trail(events)).toEqual([
      'workflow:In progress', 'a:In progress', 'a:Completed', 'b:In progress', 'b:Cancelled', 'c:Cancelled', 'workflow:Cancelled',
    ]);
    expect(result.tasks[1]?.errors).toEqual([]);
  });

  it('by BackgroundRun.cancel()', async () => {
    const { flow, started, signals, bStarted } = threeSteps();
    const onFailure = jest.fn();
    const run = await flow.start({ mode: 'background', onFailure });
    await bStarted;
    run.cancel();
    const result = await run.done;
    expect(result.status).toBe(WorkflowStatus.Cancelled);
    expectCancelled(result.tasks);
    expect(started).toEqual(['a', 'b']);
    expect(signals[0]?.aborted).toBe(true);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('by unsubscribing from run$', async () => {
    const { flow, started, signals } = threeSteps();
    const hub = record(flow);
    const seen: DotflowEvent[] = [];
    const subscription = flow.run$().subscribe((e) => {
      seen.push(e);
      if (e.type === 'task' && e.taskId === 'b' && e.status === 'In progress') queueMicrotask(() => subscription.unsubscribe());
    });
    await firstValueFrom(flow.events$.pipe(filter((e: DotflowEvent) => e.type === 'workflow' && e.status !== 'In progress')));
    expect(started).toEqual(['a', 'b']);
    expect(signals[0]?.aborted).toBe(true);
    expect(flow.resultTask().map((t) => t.status)).toEqual(['Completed', 'Cancelled', 'Cancelled']);
    expect(trail(hub).at(-1)).toBe('workflow:Cancelled');
  });

  it('a signal aborted before start cancels every task without running one', async () => {
    const { flow, started } = threeSteps();
    const events = record(flow);
    const result = await flow.start({ signal: AbortSignal.abort() });
    expect(started).toEqual([]);
    expect(result.tasks.map((t) => t.status)).toEqual(['Cancelled', 'Cancelled', 'Cancelled']);
    expect(trail(events)).toEqual(['workflow:In progress', 'a:Cancelled', 'b:Cancelled', 'c:Cancelled', 'workflow:Cancelled']);
  });

  it('stops a retry wait at once', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const flow = new DotFlow({ config: quietConfig({ clock }) });
    flow.task.add({ step: action({ retry: 5, retryDelay: 60_000 }, function flaky(): never { calls++; throw new Error('x'); }) });
    const controller = new AbortController();
    const done = flow.start({ signal: controller.signal });
    await clock.advance(10);
    expect(clock.pending).toBe(1);
    controller.abort();
    const result = await done;
    expect(calls).toBe(1);
    expect(result.tasks[0]?.status).toBe(TaskStatus.Cancelled);
    expect(clock.pending).toBe(0);
    expect(clock.now()).toBe(10);
  });

  it('cancels running tasks in parallel mode', async () => {
    const signals: AbortSignal[] = [];
    const flow = new DotFlow({ config: quietConfig() });
    for (const name of ['p1', 'p2', 'p3']) {
      flow.task.add({ step: action({ name }, async ({ signal }: StepContext) => { signals.push(signal); await sleep(10_000, signal); }) });
    }
    const controller = new AbortController();
    const done = flow.start({ mode: 'parallel', signal: controller.signal, concurrency: 2 });
    await new Promise((r) => setImmediate(r));
    controller.abort();
    const result = await done;
    expect(signals).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(result.tasks.map((t) => t.status)).toEqual(['Cancelled', 'Cancelled', 'Cancelled']);
  });

  it('a cancel from an In progress listener stops the step from being called', async () => {
    const calls: string[] = [];
    const flow = new DotFlow({ config: quietConfig() });
    flow.task.add({ step: action(function syncStep() { calls.push('sync'); }) });
    const controller = new AbortController();
    flow.events$.subscribe((e) => { if (e.type === 'task' && e.status === 'In progress') controller.abort(); });
    const result = await flow.start({ signal: controller.signal });
    expect(calls).toEqual([]);
    expect(result.tasks[0]?.status).toBe(TaskStatus.Cancelled);
    expect(result.status).toBe(WorkflowStatus.Cancelled);
  });

  it('a run that failed and was then cancelled is Failed', async () => {
    const flow = new DotFlow({ config: quietConfig() });
    flow.task.add({ step: action(function bad(): never { throw new Error('x'); }) });
    flow.task.add({ step: action(function never() { return 1; }) });
    const controller = new AbortController();
    flow.events$.subscribe((e) => { if (e.type === 'task' && e.status === 'Failed') controller.abort(); });
    const result = await flow.start({ signal: controller.signal });
    expect(result.tasks.map((t) => t.status)).toEqual(['Failed', 'Cancelled']);
    expect(result.status).toBe(WorkflowStatus.Failed);
  });

  it('a cancel after the last task finished keeps the status', async () => {
    const flow = new DotFlow({ config: quietConfig() });
    flow.task.add({ step: action(function only() { return 1; }) });
    const run = await flow.start({ mode: 'background' });
    const result = await run.done;
    run.cancel();
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(flow.result().status).toBe(WorkflowStatus.Completed);
  });
});
