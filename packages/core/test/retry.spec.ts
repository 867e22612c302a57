import 'reflect-metadata';
import { type DotFlow, TaskStatus, action, type DotflowEvent, type WorkflowResult } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { newFlow, quietConfig, record, trail } from './helpers';

function failing(times: number, calls: number[], clock: VirtualClock, message = 'x') {
  return (): string => {
    calls.push(clock.now());
    if (calls.length <= times) throw new RangeError(message);
    return 'ok';
  };
}

async function runOn(clock: VirtualClock, flow: DotFlow): Promise<WorkflowResult> {
  const done = flow.start();
  await clock.runAll();
  return done;
}

describe('retry and backoff', () => {
  it('fails after `retry` attempts: retryCount = attempts - 1, one TaskError per attempt', async () => {
    const clock = new VirtualClock();
    const calls: number[] = [];
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({ step: action({ retry: 3, retryDelay: 0 }, function flaky() { return failing(99, calls, clock)(); }) });
    const events = record(flow);
    const result = await runOn(clock, flow);
    const task = result.tasks[0];
    expect(calls).toHaveLength(3);
    expect(task?.status).toBe(TaskStatus.Failed);
    expect(task?.retryCount).toBe(2);
    expect(task?.attempt).toBe(3);
    expect(task?.errors.map((e) => [e.attempt, e.exception, e.message])).toEqual([
      [1, 'RangeError', 'x'], [2, 'RangeError', 'x'], [3, 'RangeError', 'x'],
    ]);
    expect(trail(events)).toEqual([
      'workflow:In progress', 'flaky:In progress', 'flaky:Retry', 'flaky:Retry', 'flaky:Failed', 'workflow:Failed',
    ]);
    const retries = events.filter((e): e is Extract<DotflowEvent, { type: 'task' }> => e.type === 'task' && e.status === 'Retry');
    expect(retries.map((e) => [e.attempt, e.error?.attempt])).toEqual([[1, 1], [2, 2]]);
  });

  it('succeeds after a failure: Completed with retryCount 1 and one error', async () => {
    const clock = new VirtualClock();
    const calls: number[] = [];
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({ step: action({ retry: 3, retryDelay: 0 }, function flaky() { return failing(1, calls, clock)(); }) });
    const result = await runOn(clock, flow);
    expect(result.tasks[0]).toMatchObject({ status: 'Completed', retryCount: 1, attempt: 2 });
    expect(result.tasks[0]?.errors.map((e) => e.attempt)).toEqual([1]);
    expect(flow.resultStorage()).toEqual(['ok']);
  });

  it('waits retryDelay between attempts, and nothing after the last', async () => {
    const clock = new VirtualClock();
    const calls: number[] = [];
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({ step: action({ retry: 3, retryDelay: 200 }, function flaky() { return failing(99, calls, clock)(); }) });
    const result = await runOn(clock, flow);
    expect(calls).toEqual([0, 200, 400]);
    expect(result.tasks[0]?.finishedAt?.getTime()).toBe(400);
    expect(clock.pending).toBe(0);
  });

  it('doubles the delay with backoff: true (200, 400, 800)', async () => {
    const clock = new VirtualClock();
    const calls: number[] = [];
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({ step: action({ retry: 4, retryDelay: 200, backoff: true }, function flaky() { return failing(99, calls, clock)(); }) });
    await runOn(clock, flow);
    expect(calls).toEqual([0, 200, 600, 1400]);
  });

  it('applies factor and maxDelay of a backoff object', async () => {
    const clock = new VirtualClock();
    const calls: number[] = [];
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({
      step: action({ retry: 4, retryDelay: 100, backoff: { factor: 3, maxDelay: 500 } }, function flaky() { return failing(99, calls, clock)(); }),
    });
    await runOn(clock, flow);
    expect(calls).toEqual([0, 100, 400, 900]);
  });

  it('retries async steps and rejections the same way', async () => {
    const clock = new VirtualClock();
    let n = 0;
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({
      step: action({ retry: 2, retryDelay: 50 }, async function asyncFlaky() {
        await Promise.resolve();
        if (++n === 1) throw new Error('first');
        return n;
      }),
    });
    const result = await runOn(clock, flow);
    expect(result.tasks[0]).toMatchObject({ status: 'Completed', retryCount: 1 });
    expect(flow.resultStorage()).toEqual([2]);
  });

  it('records non-Error throws by their type', async () => {
    const flow = newFlow();
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point of the test
    flow.task.add({ step: action(function throwsString(): never { throw 'plain string'; }) });
    const result = await flow.start();
    expect(result.tasks[0]?.errors[0]).toEqual({ attempt: 1, exception: 'string', message: 'plain string', stack: '' });
  });
});
