import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Config,
  InvalidConfigError,
  WorkflowStatus,
  action,
  type AttemptInfo,
  type DotflowEvent,
  type Observer,
  type StepContext,
} from '@dotflow/core';
import { RecordingLog, newFlow, quietConfig, record, sleep, trail } from './helpers';

/** An observer that keeps what it gets; each onEvent takes `delayMs` (real time) when given. */
class Recorder implements Observer {
  public readonly events: DotflowEvent[] = [];
  public flushed = 0;
  public closed = 0;
  public constructor(private readonly delayMs = 0) {}
  public async onEvent(event: DotflowEvent): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.events.push(event);
  }
  public flush(): Promise<void> {
    this.flushed++;
    return Promise.resolve();
  }
  public close(): Promise<void> {
    this.closed++;
    return Promise.resolve();
  }
}

/** Three steps of `stepMs` each (real time). */
function threeSteps(config: Config, stepMs = 0) {
  const flow = newFlow({ workflowId: 'obs', config });
  const step = (name: string) => action({ name }, async ({ signal }: StepContext) => { if (stepMs > 0) await sleep(stepMs, signal); return name; });
  flow.task.add({ step: [step('s1'), step('s2'), step('s3')] });
  return flow;
}

describe('observers', () => {
  it('a slow observer (30 ms per event) does not slow a 3-step run; Config.flush() waits until it has every event, in order', async () => {
    const slow = new Recorder(30);
    const fast = new Recorder();
    const config = quietConfig({ notify: slow, observers: [fast] });
    const flow = threeSteps(config);
    const events = record(flow);
    const t0 = performance.now();
    const result = await flow.start();
    const ran = performance.now() - t0;
    expect(result.status).toBe(WorkflowStatus.Completed);
    // 8 events × 30 ms = 240 ms of delivery, none of it waited for by the run
    expect(ran).toBeLessThan(150);
    expect(slow.events.length).toBeLessThan(events.length);
    await config.flush();
    expect(slow.events).toEqual(events);
    expect(fast.events).toEqual(events);
    expect(slow.flushed).toBe(1);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(8 * 30 - 5);
  });

  it('a throwing or hanging observer never holds up another one; each failure is logged', async () => {
    const log = new RecordingLog('warn');
    const good = new Recorder();
    const thrower: Observer = { onEvent: () => { throw new Error('down'); } };
    const hanger: Observer = { onEvent: () => new Promise<void>(() => undefined) };
    const config = quietConfig({ log, observers: [thrower, hanger, good], observerQueue: { timeoutMs: 5 } });
    const flow = threeSteps(config);
    const events = record(flow);
    await flow.start();
    await config.flush();
    expect(good.events).toEqual(events);
    expect(log.messages('error').filter((m) => m === 'observers[0].onEvent threw: Error: down')).toHaveLength(events.length);
    expect(log.messages('warn').filter((m) => m === 'observers[1].onEvent did not settle within 5 ms; moving on')).toHaveLength(events.length);
  });

  it('a full queue drops new events, counts them, and logs once', async () => {
    const log = new RecordingLog('warn');
    let unblock = (): void => undefined;
    const blocked = new Promise<void>((resolve) => { unblock = resolve; });
    const seen: DotflowEvent[] = [];
    const stuck: Observer = { onEvent: async (e) => { seen.push(e); await blocked; } };
    const config = quietConfig({ log, observers: [stuck], observerQueue: { capacity: 3 } });
    const flow = threeSteps(config);
    for (let i = 0; i < 3; i++) await flow.start({ workflowId: `run-${i}` });
    // one in delivery, three queued: the other 20 of the 3 × 8 events are dropped
    expect(config.observerSet.dropped()).toEqual({ 'observers[0]': 3 * 8 - 4 });
    expect(log.messages('warn').filter((m) => m.startsWith('observers[0] is 3 events behind'))).toHaveLength(1);
    unblock();
    await config.flush();
    expect(seen).toHaveLength(4);
  });

  it('close() flushes every observer, then closes each once', async () => {
    const a = new Recorder(5);
    const b = new Recorder();
    const config = quietConfig({ tracer: [a, b] });
    const flow = threeSteps(config);
    const events = record(flow);
    await flow.start();
    await config.close();
    expect(a.events).toEqual(events);
    expect([a.closed, b.closed]).toEqual([1, 1]);
  });

  it('flush() gives up after its timeout when an observer never settles, and says so', async () => {
    const log = new RecordingLog('warn');
    const config = quietConfig({ log, server: { onEvent: () => new Promise<void>(() => undefined) } });
    await threeSteps(config).start();
    await config.flush({ timeoutMs: 20 });
    expect(log.messages('warn')).toContain('Config.flush() gave up after 20 ms; some observers had not finished');
  });

  it('every role takes one observer or an array; a bad one is refused naming its place', () => {
    expect(() => new Config({ notify: [{ onEvent: () => undefined }, {} as Observer] })).toThrow(InvalidConfigError);
    expect(() => new Config({ notify: [{ onEvent: () => undefined }, {} as Observer] })).toThrow('"notify[1]" must implement onEvent()');
    expect(() => new Config({ observers: {} as never })).toThrow('"observers" must implement onEvent() on each item of an array');
    expect(() => new Config({ observers: [{ aroundAttempt: () => Promise.resolve() } as never] })).toThrow('"observers[0]" must implement onEvent()');
  });
});

describe('aroundAttempt', () => {
  it('wraps every attempt: an AsyncLocalStorage value set there is visible inside the step, sync or async, on every retry', async () => {
    const als = new AsyncLocalStorage<AttemptInfo>();
    const infos: AttemptInfo[] = [];
    const tracing: Observer = {
      onEvent: () => undefined,
      aroundAttempt: (info, next) => { infos.push(info); return als.run(info, next); },
    };
    const seen: string[] = [];
    const flow = newFlow({ workflowId: 'als', config: quietConfig({ observers: [tracing] }) });
    flow.task.add({ step: action(function sync() { seen.push(`sync:${als.getStore()?.attempt}`); return 1; }) });
    flow.task.add({ step: action({ retry: 2, retryDelay: 0 }, async function flaky({ task }: StepContext) {
      await Promise.resolve();
      seen.push(`flaky:${als.getStore()?.taskId}:${als.getStore()?.attempt}`);
      if (task.attempt === 1) throw new Error('once');
      return 2;
    }) });
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(result.tasks.map((t) => t.currentContext.storage)).toEqual([1, 2]);
    expect(seen).toEqual(['sync:1', 'flaky:flaky:1', 'flaky:flaky:2']);
    expect(infos.map((i) => [i.workflowId, i.runId, i.taskId, i.name, i.group, i.attempt])).toEqual([
      ['als', result.runId, 'sync', 'sync', 'default', 1],
      ['als', result.runId, 'flaky', 'flaky', 'default', 1],
      ['als', result.runId, 'flaky', 'flaky', 'default', 2],
    ]);
    expect(infos[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('nests several observers outermost first, and the step\'s outcome is the attempt\'s whatever they return', async () => {
    const order: string[] = [];
    const wrap = (name: string): Observer => ({
      onEvent: () => undefined,
      aroundAttempt: async <T>(_info: AttemptInfo, next: () => Promise<T>): Promise<T> => {
        order.push(`${name}:in`);
        try {
          return await next();
        } finally {
          order.push(`${name}:out`);
        }
      },
    });
    const flow = newFlow({ config: quietConfig({ tracer: wrap('tracer'), observers: [wrap('extra')] }) });
    flow.task.add({ step: action(function step() { order.push('step'); return 'v'; }) });
    const result = await flow.start();
    expect(result.tasks[0]?.currentContext.storage).toBe('v');
    expect(order).toEqual(['tracer:in', 'extra:in', 'step', 'extra:out', 'tracer:out']);
  });

  it('one that throws, rejects, or returns without calling next() is logged, and the attempt runs without it, once', async () => {
    const log = new RecordingLog('error');
    const bad: Observer[] = [
      { onEvent: () => undefined, aroundAttempt: () => { throw new Error('sync'); } },
      { onEvent: () => undefined, aroundAttempt: () => Promise.reject(new Error('async')) },
      { onEvent: () => undefined, aroundAttempt: () => Promise.resolve(undefined as never) },
      { onEvent: () => undefined, aroundAttempt: async <T>(_i: AttemptInfo, next: () => Promise<T>): Promise<T> => { await next(); return next(); } },
    ];
    let calls = 0;
    const flow = newFlow({ config: quietConfig({ log, observers: bad }) });
    flow.task.add({ step: action(function step() { calls++; return calls; }) });
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(calls).toBe(1);
    expect(result.tasks[0]?.currentContext.storage).toBe(1);
    expect(log.messages('error')).toEqual([
      'observers[0].aroundAttempt threw; the attempt runs without it: Error: sync',
      'observers[1].aroundAttempt rejected; the attempt runs without it: Error: async',
      'observers[2].aroundAttempt returned without calling next(); the attempt runs without it',
    ]);
  });

  it('a failing step fails its attempt through the wrappers, and a timeout still applies', async () => {
    const wrapper: Observer = { onEvent: () => undefined, aroundAttempt: (_i, next) => next() };
    const flow = newFlow({ config: quietConfig({ observers: [wrapper] }) });
    flow.task.add({ step: action({ timeout: 20 }, function hangs({ signal }: StepContext) { return sleep(10_000, signal); }) });
    flow.task.add({ step: action(function never() { return 1; }) });
    const events = record(flow);
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(result.tasks[0]?.errors[0]?.exception).toBe('TaskTimeoutError');
    expect(trail(events)).toEqual(['workflow:In progress', 'hangs:In progress', 'hangs:Failed', 'workflow:Failed']);
  });
});
