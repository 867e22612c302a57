import 'reflect-metadata';
import { type DotFlow, MemoryStorage, TaskCancelledError, TaskStatus, WorkflowStatus, action, type DotflowEvent, type ExecutionMode, type StepContext, type Storage } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { newFlow, quietConfig, record, runEnded, sleep, taskEvent, trail } from './helpers';

/** One step of {@link steps}: a fast one returns its name upper-cased; a slow one waits 10 s, honouring its signal. */
interface StepSpec {
  readonly name: string;
  readonly group?: string;
  readonly slow?: boolean;
}

/** A workflow of `specs` that records the steps it started and each slow step's signal. */
function steps(specs: readonly StepSpec[]) {
  const started: string[] = [];
  const signals = new Map<string, AbortSignal>();
  const flow = newFlow({ workflowId: 'wf' });
  for (const { name, group, slow } of specs) {
    const step = slow
      ? action({ name }, async ({ signal }: StepContext) => { started.push(name); signals.set(name, signal); await sleep(10_000, signal); })
      : action({ name }, () => { started.push(name); return name.toUpperCase(); });
    flow.task.add({ step, ...(group === undefined ? {} : { groupName: group }) });
  }
  return { flow, started, signals };
}

/** a (fast) → b (slow) → c; `bStarted` resolves on b's In progress. */
function threeSteps() {
  const built = steps([{ name: 'a' }, { name: 'b', slow: true }, { name: 'c' }]);
  return { ...built, bStarted: taskEvent(built.flow, 'b') };
}

/** Each task's statuses, in the order its events came. */
function statusesByTask(events: readonly DotflowEvent[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of events) if (e.type === 'task') (out[e.taskId] ??= []).push(e.status);
  return out;
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
    expect(signals.get('b')?.aborted).toBe(true);
    expect(signals.get('b')?.reason).toBeInstanceOf(TaskCancelledError);
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
    expect(signals.get('b')?.aborted).toBe(true);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('by unsubscribing from run$', async () => {
    const { flow, started, signals } = threeSteps();
    const hub = record(flow);
    const ended = runEnded(flow);
    const seen: DotflowEvent[] = [];
    const subscription = flow.run$().subscribe((e) => {
      seen.push(e);
      if (e.type === 'task' && e.taskId === 'b' && e.status === 'In progress') queueMicrotask(() => subscription.unsubscribe());
    });
    await ended;
    expect(started).toEqual(['a', 'b']);
    expect(signals.get('b')?.aborted).toBe(true);
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
    const flow = newFlow({ config: quietConfig({ clock }) });
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
    const { flow, started, signals } = steps([{ name: 'p1', slow: true }, { name: 'p2', slow: true }, { name: 'p3', slow: true }]);
    const events = record(flow);
    const running = Promise.all([taskEvent(flow, 'p1'), taskEvent(flow, 'p2')]);
    const controller = new AbortController();
    const done = flow.start({ mode: 'parallel', signal: controller.signal, concurrency: 2 });
    await running;
    controller.abort();
    const result = await done;
    expect(started).toEqual(['p1', 'p2']);
    expect([...signals.values()].every((s) => s.aborted)).toBe(true);
    expect(result.tasks.map((t) => t.status)).toEqual(['Cancelled', 'Cancelled', 'Cancelled']);
    expect(statusesByTask(events)).toEqual({ p1: ['In progress', 'Cancelled'], p2: ['In progress', 'Cancelled'], p3: ['Cancelled'] });
  });

  it('a cancel from an In progress listener stops the step from being called', async () => {
    const calls: string[] = [];
    const flow = newFlow();
    flow.task.add({ step: action(function syncStep() { calls.push('sync'); }) });
    const controller = new AbortController();
    flow.events$.subscribe((e) => { if (e.type === 'task' && e.status === 'In progress') controller.abort(); });
    const result = await flow.start({ signal: controller.signal });
    expect(calls).toEqual([]);
    expect(result.tasks[0]?.status).toBe(TaskStatus.Cancelled);
    expect(result.status).toBe(WorkflowStatus.Cancelled);
  });

  it('a run that failed and was then cancelled is Failed', async () => {
    const flow = newFlow();
    flow.task.add({ step: action(function bad(): never { throw new Error('x'); }) });
    flow.task.add({ step: action(function never() { return 1; }) });
    const controller = new AbortController();
    flow.events$.subscribe((e) => { if (e.type === 'task' && e.status === 'Failed') controller.abort(); });
    const result = await flow.start({ signal: controller.signal });
    expect(result.tasks.map((t) => t.status)).toEqual(['Failed', 'Cancelled']);
    expect(result.status).toBe(WorkflowStatus.Failed);
  });

  it('a cancel after the last task finished keeps the status', async () => {
    const flow = newFlow();
    flow.task.add({ step: action(function only() { return 1; }) });
    const run = await flow.start({ mode: 'background' });
    const result = await run.done;
    run.cancel();
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(flow.result().status).toBe(WorkflowStatus.Completed);
  });

  it.each<['signal' | 'BackgroundRun.cancel()']>([['signal'], ['BackgroundRun.cancel()']])(
    'a cancel (by %s) from a listener of the last task\'s Completed event keeps the run Completed and calls onSuccess',
    async (by) => {
      const { flow, started } = steps([{ name: 'a' }, { name: 'last' }]);
      const events = record(flow);
      const onSuccess = jest.fn();
      const onFailure = jest.fn();
      let cancel = (): void => undefined;
      let cancelled = false;
      flow.events$.subscribe((e) => {
        if (e.type === 'task' && e.taskId === 'last' && e.status === 'Completed') { cancelled = true; cancel(); }
      });
      let result;
      if (by === 'signal') {
        const controller = new AbortController();
        cancel = () => controller.abort();
        result = await flow.start({ signal: controller.signal, onSuccess, onFailure });
      } else {
        const run = await flow.start({ mode: 'background', onSuccess, onFailure });
        cancel = () => run.cancel();
        result = await run.done;
      }
      expect(cancelled).toBe(true);
      expect(started).toEqual(['a', 'last']);
      expect(result.status).toBe(WorkflowStatus.Completed);
      expect(result.tasks.map((t) => t.status)).toEqual(['Completed', 'Completed']);
      expect(onSuccess).toHaveBeenCalledTimes(1);
      expect(onSuccess).toHaveBeenCalledWith(result);
      expect(onFailure).not.toHaveBeenCalled();
      expect(trail(events)).toEqual(['workflow:In progress', 'a:In progress', 'a:Completed', 'last:In progress', 'last:Completed', 'workflow:Completed']);
    },
  );
});

/** How a test cancels a run of `flow` once `running` resolves; resolves when the run has ended. */
type Canceller = (flow: DotFlow, mode: ExecutionMode, running: Promise<unknown>) => Promise<void>;

const bySignal: Canceller = async (flow, mode, running) => {
  const controller = new AbortController();
  const done = flow.start({ mode, signal: controller.signal });
  await running;
  controller.abort();
  await done;
};

const byUnsubscribe: Canceller = async (flow, mode, running) => {
  const ended = runEnded(flow);
  const subscription = flow.run$({ mode }).subscribe();
  await running;
  subscription.unsubscribe();
  await ended;
};

/** A background run spanning several groups runs as parallel_group. */
const byBackgroundCancel: Canceller = async (flow, _mode, running) => {
  const run = await flow.start({ mode: 'background' });
  await running;
  run.cancel();
  await run.done;
};

describe('cancellation in group modes', () => {
  // g1: a1 → a2 (slow) → a3;  g2: b1 (slow) → b2
  const groups = (): ReturnType<typeof steps> =>
    steps([
      { name: 'a1', group: 'g1' },
      { name: 'a2', group: 'g1', slow: true },
      { name: 'b1', group: 'g2', slow: true },
      { name: 'a3', group: 'g1' },
      { name: 'b2', group: 'g2' },
    ]);

  it.each<[string, Canceller]>([
    ['StartOptions.signal', bySignal],
    ['unsubscribing from run$', byUnsubscribe],
    ['BackgroundRun.cancel()', byBackgroundCancel],
  ])('parallel_group, by %s: running and unstarted tasks of every group end Cancelled, once each', async (_by, cancel) => {
    const { flow, started, signals } = groups();
    const events = record(flow);
    await cancel(flow, 'parallel_group', Promise.all([taskEvent(flow, 'a2'), taskEvent(flow, 'b1')]));
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(signals.get('a2')?.aborted).toBe(true);
    expect(signals.get('b1')?.aborted).toBe(true);
    expect(flow.resultTask().map((t) => `${t.taskId}:${t.status}`)).toEqual(['a1:Completed', 'a2:Cancelled', 'b1:Cancelled', 'a3:Cancelled', 'b2:Cancelled']);
    expect(statusesByTask(events)).toEqual({
      a1: ['In progress', 'Completed'],
      a2: ['In progress', 'Cancelled'],
      b1: ['In progress', 'Cancelled'],
      a3: ['Cancelled'],
      b2: ['Cancelled'],
    });
    expect(trail(events).filter((t) => t.startsWith('workflow:'))).toEqual(['workflow:In progress', 'workflow:Cancelled']);
    expect(trail(events).at(-1)).toBe('workflow:Cancelled');
    expect(flow.result().status).toBe(WorkflowStatus.Cancelled);
  });

  it.each<[string, Canceller]>([
    ['StartOptions.signal', bySignal],
    ['unsubscribing from run$', byUnsubscribe],
  ])('sequential_group, by %s: the running task, the rest of its group and the later groups end Cancelled', async (_by, cancel) => {
    const { flow, started, signals } = groups();
    const events = record(flow);
    await cancel(flow, 'sequential_group', taskEvent(flow, 'a2'));
    expect(started).toEqual(['a1', 'a2']);
    expect(signals.get('a2')?.aborted).toBe(true);
    expect(trail(events)).toEqual([
      'workflow:In progress', 'a1:In progress', 'a1:Completed', 'a2:In progress', 'a2:Cancelled',
      'b1:Cancelled', 'a3:Cancelled', 'b2:Cancelled', 'workflow:Cancelled',
    ]);
    expect(flow.result().status).toBe(WorkflowStatus.Cancelled);
  });
});

describe('a cancel while a checkpoint is being written', () => {
  /** A storage whose writes wait until `release()` (as on a slow network); the rest is a MemoryStorage's. */
  function slowStorage() {
    const memory = new MemoryStorage();
    let begin!: () => void;
    let release!: () => void;
    const writing = new Promise<void>((resolve) => { begin = resolve; });
    const open = new Promise<void>((resolve) => { release = resolve; });
    const storage: Storage = {
      get: (key) => memory.get(key),
      delete: (key) => memory.delete(key),
      deletePrefix: (prefix) => memory.deletePrefix(prefix),
      keys: (prefix) => memory.keys(prefix),
      key: (workflowId, taskId) => memory.key(workflowId, taskId),
      prefix: (workflowId) => memory.prefix(workflowId),
      claim: (workflowId) => memory.claim(workflowId),
      async set(key, value) {
        begin();
        await open;
        return memory.set(key, value);
      },
    };
    return { storage, writing, release };
  }

  it('lets the write finish: the task ends Completed with its checkpoint, the rest Cancelled', async () => {
    const { storage, writing, release } = slowStorage();
    const controller = new AbortController();
    const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'wf' });
    const ran: string[] = [];
    flow.task.add({ step: [action(function a() { ran.push('a'); return 'A'; }), action(function b() { ran.push('b'); })] });
    const done = flow.start({ signal: controller.signal });
    await writing;
    controller.abort();
    release();
    const result = await done;
    expect(result.status).toBe(WorkflowStatus.Cancelled);
    expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Cancelled]);
    expect(ran).toEqual(['a']);
    expect(await storage.get(storage.key('wf', 'a'))).toMatchObject({ status: 'Completed', taskId: 'a' });
  });
});
