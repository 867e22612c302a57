import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { TaskStatus, TaskTimeoutError, action, type StepContext } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { fixtureCommand } from './fixture-command';
import { newFlow, quietConfig, sleep } from './helpers';

describe('timeout', () => {
  // On virtual time; the same on real timers is the fixture test at the end of this file.
  it('ends a 10 s step after 50 ms: Failed with TaskTimeoutError, its signal aborted, its timer cleared', async () => {
    const clock = new VirtualClock();
    const signals: AbortSignal[] = [];
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({
      step: action({ timeout: 50 }, async function slow({ signal }: StepContext) {
        signals.push(signal);
        await sleep(10_000, signal, clock);
      }),
    });
    const done = flow.start();
    await clock.advance(49);
    expect(flow.resultTask()[0]?.status).toBe(TaskStatus.InProgress);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
    await clock.runAll(); // fires the earliest timer, the timeout; the step's 10 s timer goes with its signal
    const result = await done;
    expect(clock.now()).toBe(50);
    expect(clock.pending).toBe(0);
    const task = result.tasks[0];
    expect(task?.status).toBe(TaskStatus.Failed);
    expect(task?.errors[0]).toMatchObject({ exception: 'TaskTimeoutError', message: 'step "slow" timed out after 50 ms' });
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toBeInstanceOf(TaskTimeoutError);
  });

  it('retries a timed-out attempt like any failure, each with a fresh signal', async () => {
    const clock = new VirtualClock();
    const signals: AbortSignal[] = [];
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({
      step: action({ timeout: 100, retry: 3, retryDelay: 10 }, function hangs({ signal }: StepContext) {
        signals.push(signal);
        return new Promise(() => undefined);
      }),
    });
    const done = flow.start();
    await clock.runAll();
    const result = await done;
    expect(signals).toHaveLength(3);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(new Set(signals).size).toBe(3);
    expect(result.tasks[0]?.errors.map((e) => e.exception)).toEqual(['TaskTimeoutError', 'TaskTimeoutError', 'TaskTimeoutError']);
    expect(clock.now()).toBe(100 + 10 + 100 + 10 + 100);
    expect(clock.pending).toBe(0);
  });

  it('a fast step under a timeout completes and leaves no timer', async () => {
    const clock = new VirtualClock();
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({ step: action({ timeout: 10_000 }, async function fast() { return { timed: true }; }) });
    const result = await flow.start();
    expect(result.tasks[0]?.status).toBe(TaskStatus.Completed);
    expect(flow.resultStorage()).toEqual([{ timed: true }]);
    expect(clock.pending).toBe(0);
  });

  it('a signal read after the timeout is already aborted', async () => {
    const clock = new VirtualClock();
    let late: AbortSignal | undefined;
    const flow = newFlow({ config: quietConfig({ clock }) });
    flow.task.add({
      step: action({ timeout: 5 }, function lazy(ctx: StepContext) {
        return new Promise<void>((resolve) => {
          clock.setTimeout(() => { late = ctx.signal; resolve(); }, 50);
        });
      }),
    });
    const done = flow.start();
    await clock.runAll();
    await done;
    expect(late?.aborted).toBe(true);
  });

  it('leaves nothing behind: a process running a timed-out 10 s step exits at once', () => {
    const fixture = fixtureCommand('timeout-exit.fixture.ts');
    const child = spawnSync(fixture.command, fixture.args, { encoding: 'utf8', timeout: 15_000, env: fixture.env });
    const exitedAt = Date.now();
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const report = JSON.parse(child.stdout) as { status: string; exception: string; aborted: boolean; runMs: number; endedAt: number };
    expect(report).toMatchObject({ status: 'Failed', exception: 'TaskTimeoutError', aborted: true });
    expect(report.runMs).toBeLessThan(1_000);
    expect(exitedAt - report.endedAt).toBeLessThan(3_000);
  });
});
