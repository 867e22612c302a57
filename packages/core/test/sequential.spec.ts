import 'reflect-metadata';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { Context, type DotFlow, TaskStatus, WorkflowStatus, action, type StepContext, type WorkflowResult } from '@dotflow/core';
import { RecordingLog, newFlow, quietConfig, record, trail } from './helpers';

const a = action(function a() { return 'A'; });
const b = action({ retryDelay: 0 }, function b(): never { throw new TypeError('b'); });
const c = action(function c({ previousContext }: StepContext) { return { c: previousContext.storage }; });

function flowOf(...steps: Parameters<DotFlow['task']['add']>[0]['step'][]): DotFlow {
  const flow = newFlow({ workflowId: 'wf' });
  for (const step of steps) flow.task.add({ step });
  return flow;
}

describe('sequential runs', () => {
  it('chains contexts: each task gets the previous one; the first an empty context', async () => {
    const seen: StepContext[] = [];
    const spy = action(function spy(ctx: StepContext) { seen.push(ctx); return 'S'; });
    const flow = flowOf(spy, c);
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(seen[0]?.previousContext.storage).toBeNull();
    expect(seen[0]?.previousContext.workflowId).toBe('wf');
    expect(seen[0]?.task).toEqual({ taskId: 'spy', name: 'spy', group: 'default', attempt: 1, workflowId: 'wf' });
    expect(flow.resultStorage()).toEqual(['S', { c: 'S' }]);
    const ctx = flow.resultContext()[1] as Context;
    expect(ctx).toBeInstanceOf(Context);
    expect([ctx.taskId, ctx.workflowId, ctx.time instanceof Date]).toEqual(['c', 'wf', true]);
  });

  it('keeps every kind of return value identical in memory', async () => {
    const values: unknown[] = ['', 1, 1.5, {}, [], [1, 2, 3], true, null, new Uint8Array([1]), () => 1, new Map([[1, 2]])];
    const flow = newFlow();
    values.forEach((v, i) => flow.task.add({ step: action({ name: `v${i}` }, () => v) }));
    await flow.start();
    const stored = flow.resultStorage();
    expect(stored).toHaveLength(values.length);
    stored.forEach((value, i) => expect(value).toBe(values[i]));
  });

  it('gives initial contexts: own from add(), else start({ initialContext }), falsy values kept', async () => {
    const seen: unknown[] = [];
    const spy = action(function spy({ initialContext }: StepContext) { seen.push(initialContext.storage); });
    const flow = newFlow();
    flow.task.add({ step: spy, initialContext: 0 });
    flow.task.add({ step: spy });
    flow.task.add({ step: spy, initialContext: '' });
    await flow.start({ initialContext: { day: 1 } });
    expect(seen).toEqual([0, { day: 1 }, '']);
    await flow.start();
    expect(seen.slice(3)).toEqual([0, null, '']);
  });

  it('stops after a failure: later tasks stay Not started and never run', async () => {
    const cCalls: number[] = [];
    const c2 = action(function c() { cCalls.push(1); return 'C'; });
    const onFailure = jest.fn();
    const onSuccess = jest.fn();
    const flow = flowOf(a, b, c2);
    const result = await flow.start({ onFailure, onSuccess });
    expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Failed, TaskStatus.NotStarted]);
    expect(cCalls).toEqual([]);
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledWith(result);
    expect(onSuccess).not.toHaveBeenCalled();
    const failed = result.tasks[1];
    expect(failed?.currentContext.storage).toBeNull();
    expect(failed?.errors).toEqual([{ attempt: 1, exception: 'TypeError', message: 'b', stack: expect.stringContaining('TypeError: b') as unknown }]);
  });

  it('with keepGoing runs on, the next task getting the failed task\'s empty context', async () => {
    const flow = flowOf(a, b, c);
    const result = await flow.start({ keepGoing: true });
    expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Failed, TaskStatus.Completed]);
    expect(flow.resultStorage()).toEqual(['A', null, { c: null }]);
    expect(result.status).toBe(WorkflowStatus.Failed);
  });

  it('calls onSuccess once with every task Completed; an empty workflow succeeds', async () => {
    const onSuccess = jest.fn<void, [WorkflowResult]>();
    await flowOf(a, c).start({ onSuccess });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0].tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Completed]);
    const empty = jest.fn<void, [WorkflowResult]>();
    await newFlow().start({ onSuccess: empty });
    expect(empty.mock.calls[0]?.[0].tasks).toEqual([]);
  });

  it('runs each task callback once after its final status', async () => {
    const seen: string[] = [];
    const flow = newFlow();
    flow.task.add({ step: a, callback: (t) => { seen.push(`${t.taskId}:${t.status}`); } });
    flow.task.add({ step: b, callback: (t) => { seen.push(`${t.taskId}:${t.status}:${t.duration !== null}`); } });
    await flow.start({ keepGoing: true });
    expect(seen).toEqual(['a:Completed', 'b:Failed:true']);
  });

  it('emits workflow In progress first, each task In progress then one final status, workflow final last', async () => {
    const flow = flowOf(a, b, c);
    const events = record(flow);
    await flow.start({ keepGoing: true });
    expect(trail(events)).toEqual([
      'workflow:In progress',
      'a:In progress', 'a:Completed',
      'b:In progress', 'b:Failed',
      'c:In progress', 'c:Completed',
      'workflow:Failed',
    ]);
    const done = events[2];
    expect(done).toMatchObject({ type: 'task', status: 'Completed', storage: 'A', attempt: 1, workflowId: 'wf', group: 'default' });
    expect(done?.type === 'task' && typeof done.duration).toBe('number');
    const last = events.at(-1);
    expect(last?.type === 'workflow' && typeof last.duration).toBe('number');
  });

  it('lets a step observe its own task In progress', async () => {
    const flow = newFlow();
    const seen: string[] = [];
    flow.task.add({ step: action(function look() { seen.push(flow.resultTask()[0]?.status ?? ''); }) });
    await flow.start();
    expect(seen).toEqual([TaskStatus.InProgress]);
    expect(flow.resultTask()[0]?.status).toBe(TaskStatus.Completed);
  });

  it('run$ is cold: it runs on subscribe, emits the same events and completes', async () => {
    let runs = 0;
    const counted = action(function counted() { runs++; return runs; });
    const flow = flowOf(counted);
    const events$ = flow.run$();
    expect(runs).toBe(0);
    const events = await lastValueFrom(events$.pipe(toArray()));
    expect(runs).toBe(1);
    expect(trail(events)).toEqual(['workflow:In progress', 'counted:In progress', 'counted:Completed', 'workflow:Completed']);
    await lastValueFrom(flow.run$());
    expect(runs).toBe(2);
    await firstValueFrom(flow.run$());
    expect(runs).toBe(2); // unsubscribing after the first event cancelled that run
  });

  it('every start() is a fresh run', async () => {
    let runs = 0;
    const flow = flowOf(action(function n() { return ++runs; }));
    await flow.start();
    await flow.start();
    expect(runs).toBe(2);
    expect(flow.resultStorage()).toEqual([2]);
  });

  it('result() is plain JSON of the last run, dates as ISO strings', async () => {
    const flow = newFlow({ workflowId: 'wf', name: 'pipeline' });
    expect(flow.result()).toMatchObject({ workflowId: 'wf', name: 'pipeline', status: 'New', duration: null });
    flow.task.add({ step: action(function big() { return { n: 10n, when: new Date(0), set: new Set([1]) }; }) });
    await flow.start();
    const json = flow.result();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.status).toBe('Completed');
    expect(json.tasks[0]).toMatchObject({
      taskId: 'big',
      status: 'Completed',
      currentContext: { storage: { n: '10', when: '1970-01-01T00:00:00.000Z', set: [1] }, taskId: 'big', workflowId: 'wf' },
      previousContext: { storage: null },
    });
    expect(typeof json.tasks[0]?.startedAt).toBe('string');
  });

  it('a throwing task callback or onSuccess is logged and reported as an error event; the run goes on', async () => {
    const log = new RecordingLog('error');
    const flow = newFlow({ config: quietConfig({ log }), workflowId: 'wf' });
    flow.task.add({ step: a, callback: () => { throw new Error('callback boom'); } });
    flow.task.add({ step: c });
    const events = record(flow);
    const result = await flow.start({ onSuccess: () => { throw new RangeError('success boom'); } });
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(trail(events)).toEqual([
      'workflow:In progress', 'a:In progress', 'a:Completed', 'error:callback',
      'c:In progress', 'c:Completed', 'error:onSuccess', 'workflow:Completed',
    ]);
    expect(events[3]).toMatchObject({ type: 'error', taskId: 'a', error: { exception: 'Error', message: 'callback boom' } });
    expect(log.messages('error')).toEqual([
      'callback of task a in workflow wf threw Error: callback boom',
      'onSuccess in workflow wf threw RangeError: success boom',
    ]);
  });

  it('a throwing events$ subscriber is logged and neither breaks the run nor other subscribers', async () => {
    const log = new RecordingLog('error');
    const flow = newFlow({ config: quietConfig({ log }) });
    flow.task.add({ step: [a, c] });
    flow.events$.subscribe(() => { throw new Error('subscriber boom'); });
    const events = record(flow);
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(events).toHaveLength(6);
    expect(log.messages('error')).toHaveLength(6);
    expect(log.messages('error')[0]).toBe('an events$ subscriber threw: Error: subscriber boom');
  });

  it('logs retries as warnings and failures as errors through config.log, formatting nothing below its level', async () => {
    const log = new RecordingLog('warn');
    const flow = newFlow({ config: quietConfig({ log }), workflowId: 'wf' });
    flow.task.add({ step: [a, action({ retry: 2, retryDelay: 0 }, function bad(): never { throw new Error('nope'); })] });
    await flow.start();
    expect(log.records.map((r) => r.level)).toEqual(['warn', 'error', 'error']);
    expect(log.records[1]?.message).toMatch(/^❌ wf bad: Failed \(attempt 2\) in \d+\.\d ms — Error: nope$/);
  });
});
