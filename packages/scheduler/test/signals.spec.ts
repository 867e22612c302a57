import { VirtualClock } from '@dotflow/core/testing';
import { CronScheduler, stopOnSignals } from '@dotflow/scheduler';
import { MINUTE, START, slowFlow } from './harness';

describe('stopOnSignals', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
  });

  it('SIGTERM stops the schedule with the grace, then exits 143; the listeners go at the first signal', async () => {
    const clock = new VirtualClock(START);
    const { flow, runs } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *' }), 3);
    const handle = await flow.schedule();
    await clock.advance(6 * MINUTE);
    const before = process.listenerCount('SIGTERM');
    const beforeInt = process.listenerCount('SIGINT');
    const exited = new Promise<number>((resolve) => stopOnSignals(handle, { graceMs: 5 * MINUTE, exit: resolve }));
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([before + 1, beforeInt + 1]);
    process.emit('SIGTERM', 'SIGTERM');
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([before, beforeInt]);
    expect(handle.nextRun()).toBeUndefined();
    await clock.advance(2 * MINUTE); // the run ends at 00:08, within the grace
    expect(await exited).toBe(143);
    expect(process.exitCode).toBe(143);
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Completed']);
    expect(clock.pending).toBe(0);
  });

  it('SIGINT exits 130 after cancelling what outlives the grace; the returned function removes the listeners', async () => {
    const clock = new VirtualClock(START);
    const scheduler = new CronScheduler({ cron: '*/5 * * * *' });
    const { flow, runs } = slowFlow(clock, scheduler, 10);
    await flow.schedule();
    await clock.advance(6 * MINUTE);
    const before = process.listenerCount('SIGINT');
    const remove = stopOnSignals(scheduler, { exit: false });
    remove();
    expect(process.listenerCount('SIGINT')).toBe(before);
    const exited = new Promise<number>((resolve) => stopOnSignals(scheduler, { graceMs: 0, signals: ['SIGINT'], exit: resolve }));
    process.emit('SIGINT', 'SIGINT');
    expect(await exited).toBe(130);
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Cancelled']);
    expect(clock.pending).toBe(0);
  });
});
