import { systemClock, type Clock, type ScheduleTarget, type TimerHandle } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { CronScheduler } from '@dotflow/scheduler';
import { MINUTE, START, at, slowFlow } from './harness';

describe('stop', () => {
  it('stop({ graceMs }) stops triggering and lets a run that ends within the grace finish', async () => {
    const clock = new VirtualClock(START);
    const { flow, schedule, runs, calls } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *' }), 3);
    const handle = await flow.schedule();
    await clock.advance(6 * MINUTE);
    let stopped = false;
    const stopping = handle.stop({ graceMs: 5 * MINUTE }).then(() => { stopped = true; });
    expect(handle.nextRun()).toBeUndefined();
    await clock.advance(1 * MINUTE);
    expect(stopped).toBe(false);
    await clock.advance(1 * MINUTE); // the run ends at 00:08
    await stopping;
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Completed']);
    expect(calls).toEqual({ started: 1, ended: 1, aborted: 0 });
    expect(clock.pending).toBe(0);
    await clock.advance(30 * MINUTE);
    expect(schedule()).toEqual([`triggered@${at(5)}`]);
  });

  it('stop({ graceMs }) cancels a run still going on when the grace is over, and resolves when it ended', async () => {
    const clock = new VirtualClock(START);
    const { flow, runs, calls } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *' }), 10);
    const handle = await flow.schedule();
    await clock.advance(6 * MINUTE);
    let stopped = false;
    const stopping = handle.stop({ graceMs: 2 * MINUTE }).then(() => { stopped = true; });
    await clock.advance(2 * MINUTE - 1);
    expect(stopped).toBe(false);
    await clock.advance(1);
    await stopping;
    expect(calls).toEqual({ started: 1, ended: 0, aborted: 1 });
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Cancelled']);
    expect(clock.pending).toBe(0);
  });

  it('stop({ graceMs: 0 }) cancels at once; stopping twice is one stop', async () => {
    const clock = new VirtualClock(START);
    const { flow, runs } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *' }), 10);
    const handle = await flow.schedule();
    await clock.advance(6 * MINUTE);
    const first = handle.stop({ graceMs: 0 });
    expect(handle.stop()).toBe(first);
    await first;
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Cancelled']);
    expect(clock.pending).toBe(0);
  });

  it('scheduler.stop() stops every schedule it runs', async () => {
    const clock = new VirtualClock(START);
    const scheduler = new CronScheduler({ cron: '*/5 * * * *' });
    const one = slowFlow(clock, scheduler, 1, 'one');
    const two = slowFlow(clock, scheduler, 1, 'two');
    const handles = [await one.flow.schedule(), await two.flow.schedule()];
    await clock.advance(5 * MINUTE);
    const stopping = scheduler.stop({ graceMs: MINUTE });
    expect(handles.map((h) => h.nextRun())).toEqual([undefined, undefined]);
    await clock.advance(MINUTE);
    await stopping;
    expect([one.runs(), two.runs()]).toEqual([['one:In progress', 'one:Completed'], ['two:In progress', 'two:Completed']]);
    expect(clock.pending).toBe(0);
    await scheduler.stop(); // nothing left: resolves at once
  });

  it('scheduler.stop() waits for a handle stop already under way', async () => {
    const clock = new VirtualClock(START);
    const scheduler = new CronScheduler({ cron: '*/5 * * * *' });
    const { flow, runs } = slowFlow(clock, scheduler, 3);
    const handle = await flow.schedule();
    await clock.advance(6 * MINUTE);
    void handle.stop({ graceMs: 10 * MINUTE });
    let stopped = false;
    const all = scheduler.stop({ graceMs: 0 }).then(() => { stopped = true; });
    await clock.advance(1 * MINUTE);
    expect(stopped).toBe(false);
    await clock.advance(1 * MINUTE);
    await all;
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Completed']);
  });

  it.each([true, false])('keepAlive: %s decides whether the real fire timer holds the process; stop() clears it', async (keepAlive) => {
    const handles: TimerHandle[] = [];
    const clock: Clock = {
      now: () => systemClock.now(),
      setTimeout: (callback, ms) => { const handle = systemClock.setTimeout(callback, ms); handles.push(handle); return handle; },
      clearTimeout: (handle) => systemClock.clearTimeout(handle),
    };
    const target: ScheduleTarget = {
      workflowId: 'real', name: 'real', clock, resume: false,
      trigger: () => Promise.reject(new Error('not due in this test')),
      report: () => undefined,
    };
    const handle = new CronScheduler({ cron: '0 0 1 1 *', keepAlive }).start(target);
    expect(handles).toHaveLength(1);
    expect((handles[0] as NodeJS.Timeout).hasRef()).toBe(keepAlive);
    await handle.stop();
  });
});
