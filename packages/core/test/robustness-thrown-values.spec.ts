import 'reflect-metadata';
import { lastValueFrom, toArray } from 'rxjs';
import { type DotFlow, TaskStatus, WorkflowStatus, action, systemClock, type Clock } from '@dotflow/core';
import { RecordingLog, newFlow, quietConfig, record, trail } from './helpers';

/** Values whose conversion to text (or reading of name, message or stack) throws. */
function hostile(): [string, () => unknown][] {
  return [
    ['null', () => null],
    ['undefined', () => undefined],
    ['a symbol', () => Symbol('odd')],
    ['a null-prototype object', () => Object.create(null) as unknown],
    ['an object whose toString throws', () => ({ toString(): string { throw new Error('no text'); } })],
    ['an Error whose name, message and stack getters throw', () => {
      const error = new Error('hidden');
      // stack first: V8 reads name and message when the stack accessor is redefined
      for (const key of ['stack', 'name', 'message']) {
        Object.defineProperty(error, key, { get(): never { throw new Error(`no ${key}`); } });
      }
      return error;
    }],
    ['a Proxy whose traps throw', () => new Proxy({}, { get(): never { throw new Error('trap'); }, getPrototypeOf(): never { throw new Error('trap'); } })],
    ['a revoked Proxy', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }],
  ];
}

function failingFlow(make: () => unknown, async: boolean, workflowId: string): DotFlow {
  const flow = newFlow({ workflowId });
  const step = async
    ? async function bad(): Promise<never> { await Promise.resolve(); throw make(); }
    : function bad(): never { throw make(); };
  flow.task.add({ step: action({ retry: 2, retryDelay: 0 }, step) });
  flow.task.add({ step: action(function after() { return 1; }) });
  return flow;
}

const EXPECTED_TRAIL = ['workflow:In progress', 'bad:In progress', 'bad:Retry', 'bad:Failed', 'workflow:Failed'];

describe.each([['a synchronous', false], ['an asynchronous', true]] as const)('%s step throwing', (_kind, async) => {
  it.each(hostile())('%s fails its task with a TaskError, and start() resolves', async (_label, make) => {
    const flow = failingFlow(make, async, 'thrown-foreground');
    const events = record(flow);
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(trail(events)).toEqual(EXPECTED_TRAIL);
    const [bad, after] = result.tasks;
    expect(bad?.status).toBe(TaskStatus.Failed);
    expect(after?.status).toBe(TaskStatus.NotStarted);
    expect(bad?.errors).toHaveLength(2);
    for (const error of bad?.errors ?? []) {
      expect(typeof error.exception).toBe('string');
      expect(error.exception).not.toBe('');
      expect(typeof error.message).toBe('string');
      expect(typeof error.stack).toBe('string');
    }
    expect(flow.result().status).toBe(WorkflowStatus.Failed);
  });

  it.each(hostile())('%s in background: done resolves Failed', async (_label, make) => {
    const flow = failingFlow(make, async, 'thrown-background');
    const events = record(flow);
    const run = await flow.start({ mode: 'background' });
    const result = await run.done;
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(result.tasks[0]?.errors[1]?.attempt).toBe(2);
    expect(trail(events)).toEqual(EXPECTED_TRAIL);
  });

  it.each(hostile())('%s through run$: the stream completes after the final event', async (_label, make) => {
    const flow = failingFlow(make, async, 'thrown-stream');
    expect(trail(await lastValueFrom(flow.run$().pipe(toArray())))).toEqual(EXPECTED_TRAIL);
  });
});

describe('a thrown value gets a sensible description', () => {
  it.each<[string, () => unknown, string, string]>([
    ['null', () => null, 'null', 'null'],
    ['undefined', () => undefined, 'undefined', 'undefined'],
    ['a symbol', () => Symbol('odd'), 'symbol', 'Symbol(odd)'],
    ['a null-prototype object', () => Object.create(null) as unknown, 'Object', '[object Object]'],
  ])('%s', async (_label, make, exception, message) => {
    const flow = failingFlow(make, false, 'thrown-described');
    const result = await flow.start();
    expect(result.tasks[0]?.errors[0]).toEqual({ attempt: 1, exception, message, stack: '' });
  });
});

describe('a run that breaks down inside Dotflow', () => {
  /** A clock that throws once the step ran, and a log of what was reported. */
  function brokenClockFlow() {
    let broken = false;
    const clock: Clock = {
      now: () => {
        if (broken) throw new Error('clock is gone');
        return systemClock.now();
      },
      setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms),
      clearTimeout: (handle) => systemClock.clearTimeout(handle),
    };
    const log = new RecordingLog('error');
    const flow = newFlow({ workflowId: 'broken-clock', config: quietConfig({ clock, log }) });
    flow.task.add({ step: action(function breaks() { broken = true; return 1; }) });
    return { flow, log };
  }

  it.each(['background', 'sequential'] as const)('%s: resolves Failed (start() and done never reject) and logs the error', async (mode) => {
    const { flow, log } = brokenClockFlow();
    const result = mode === 'background' ? await (await flow.start({ mode })).done : await flow.start({ mode });
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(result.workflowId).toBe('broken-clock');
    expect(result.tasks).toHaveLength(1);
    expect(result.duration).toBeGreaterThanOrEqual(0);
    expect(flow.result().status).toBe(WorkflowStatus.Failed);
    expect(log.messages('error')).toEqual([expect.stringContaining("the run of workflow 'broken-clock' broke down and ends Failed: Error: clock is gone")]);
  });
});

describe('a subscriber or callback that throws a hostile value, with a log that wants errors', () => {
  it.each(hostile())('%s: the run completes and the failure is logged', async (_what, make) => {
    const log = new RecordingLog('error');
    const flow = newFlow({ config: quietConfig({ log }), workflowId: 'hostile-subscriber' });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a non-Error reason is the point
    flow.task.add({ step: action(function only() { return 1; }), callback: () => Promise.reject(make()) });
    flow.events$.subscribe(() => { throw make(); });
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Completed);
    // every event's subscriber error is logged (the rejected callback is logged when it settles)
    expect(log.messages('error').filter((m) => m.startsWith('an events$ subscriber threw: '))).toHaveLength(4);
  });
});
