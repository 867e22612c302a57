import { VirtualClock } from '@dotflow/core/testing';
import { CronScheduler } from '@dotflow/scheduler';
import { MINUTE, START, at, slowFlow } from './harness';

/** Stops `handle` and lets the runs still going on finish on `clock`. */
async function finish(clock: VirtualClock, handle: { stop(options?: { graceMs?: number }): Promise<void> }): Promise<void> {
  const stopped = handle.stop({ graceMs: 60 * MINUTE });
  await clock.runAll();
  await stopped;
  expect(clock.pending).toBe(0);
}

describe('overlap', () => {
  it("'skip' (the default) skips a trigger due while the run is going on", async () => {
    const clock = new VirtualClock(START);
    const scheduler = new CronScheduler({ cron: '*/5 * * * *' });
    expect(scheduler.overlap).toBe('skip');
    const { flow, schedule, calls } = slowFlow(clock, scheduler, 7);
    const handle = await flow.schedule();
    await clock.advance(20 * MINUTE);
    expect(schedule()).toEqual([`triggered@${at(5)}`, `skipped@${at(10)}`, `triggered@${at(15)}`, `skipped@${at(20)}`]);
    expect(calls.started).toBe(2);
    await finish(clock, handle);
    expect(calls.ended).toBe(2);
  });

  it("'queue' keeps one trigger and runs it when the active run ends; a further one is dropped", async () => {
    const clock = new VirtualClock(START);
    const { flow, schedule, events, runs } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *', overlap: 'queue' }), 12);
    const handle = await flow.schedule();
    await clock.advance(16 * MINUTE);
    expect(schedule()).toEqual([`triggered@${at(5)}`, `queued@${at(10)}`, `dropped@${at(15)}`]);
    await clock.advance(1 * MINUTE); // the first run ends at 00:17: the queued one starts
    expect(schedule()).toEqual([`triggered@${at(5)}`, `queued@${at(10)}`, `dropped@${at(15)}`, `triggered@${at(10)}`]);
    const late = events.filter((e) => e.type === 'schedule').at(-1);
    expect(late?.at.toISOString()).toBe(at(17));
    await clock.advance(8 * MINUTE);
    expect(schedule().slice(4)).toEqual([`queued@${at(20)}`, `dropped@${at(25)}`]);
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Completed', 'nightly:In progress']);
    await finish(clock, handle);
  });

  it("'queue' drops the queued trigger when the schedule stops", async () => {
    const clock = new VirtualClock(START);
    const { flow, schedule, calls } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *', overlap: 'queue' }), 12);
    const handle = await flow.schedule();
    await clock.advance(11 * MINUTE);
    expect(schedule()).toEqual([`triggered@${at(5)}`, `queued@${at(10)}`]);
    await finish(clock, handle);
    expect(schedule()).toEqual([`triggered@${at(5)}`, `queued@${at(10)}`, `dropped@${at(10)}`]);
    expect(calls.started).toBe(1);
  });

  it("'parallel' runs each tick under <workflowId>@<scheduledAt ISO>, up to maxParallel, and drops the rest", async () => {
    const clock = new VirtualClock(START);
    const { flow, schedule, runs, events } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *', overlap: 'parallel', maxParallel: 2 }), 12);
    const handle = await flow.schedule();
    await clock.advance(20 * MINUTE);
    // 00:05 runs until 00:17, 00:10 until 00:22: 00:15 finds two going on
    expect(schedule()).toEqual([`triggered@${at(5)}`, `triggered@${at(10)}`, `dropped@${at(15)}`, `triggered@${at(20)}`]);
    const ids = events.filter((e) => e.type === 'schedule' && e.action === 'triggered').map((e) => e.workflowId);
    expect(ids).toEqual([`nightly@${at(5)}`, `nightly@${at(10)}`, `nightly@${at(20)}`]);
    expect(runs()).toEqual([
      `nightly@${at(5)}:In progress`, `nightly@${at(10)}:In progress`, `nightly@${at(5)}:Completed`, `nightly@${at(20)}:In progress`,
    ]);
    // the dropped trigger names the schedule's own id
    expect(events.find((e) => e.type === 'schedule' && e.action === 'dropped')?.workflowId).toBe('nightly');
    await finish(clock, handle);
    expect(runs().filter((r) => r.endsWith(':Completed'))).toHaveLength(3);
  });

  it("'parallel' defaults to at most 10 runs at once", async () => {
    const clock = new VirtualClock(START);
    const { flow, schedule, calls } = slowFlow(clock, new CronScheduler({ cron: '* * * * *', overlap: 'parallel' }), 60);
    const handle = await flow.schedule();
    await clock.advance(12 * MINUTE);
    expect(calls.started).toBe(10);
    expect(schedule().slice(10)).toEqual([`dropped@${at(11)}`, `dropped@${at(12)}`]);
    await finish(clock, handle);
    expect(calls.ended).toBe(10);
  });
});
