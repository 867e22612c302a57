import { VirtualClock } from '@dotflow/core/testing';
import type { Clock, ScheduleTarget, TimerHandle } from '@dotflow/core';
import { CronScheduler } from '@dotflow/scheduler';
import { MINUTE, START, at, slowFlow } from './harness';

/** A clock whose timers fire `lateMs` after they were due (a busy event loop, a suspended host). */
class LateClock implements Clock {
  public constructor(private readonly inner: VirtualClock, private readonly lateMs: number) {}
  public now(): number { return this.inner.now(); }
  public setTimeout(callback: () => void, ms: number): TimerHandle { return this.inner.setTimeout(callback, ms + this.lateMs); }
  public clearTimeout(handle: TimerHandle): void { this.inner.clearTimeout(handle); }
}

/** A target that only counts its triggers, on `clock`. */
function countingTarget(clock: Clock) {
  const fired: string[] = [];
  const target: ScheduleTarget = {
    workflowId: 'counted',
    name: 'counted',
    clock,
    resume: false,
    trigger: (scheduledAt) => {
      fired.push(scheduledAt.toISOString());
      return Promise.resolve({} as never);
    },
    report: () => undefined,
  };
  return { target, fired };
}

describe('CronScheduler fire times', () => {
  it('triggers a fresh run at each fire time of the expression, on the workflow clock', async () => {
    const clock = new VirtualClock(START);
    const { flow, schedule, runs } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *', timezone: 'UTC' }), 1);
    const handle = await flow.schedule();
    expect(handle.workflowId).toBe('nightly');
    expect(handle.nextRun()?.toISOString()).toBe(at(5));
    await clock.advance(5 * MINUTE - 1);
    expect(schedule()).toEqual([]);
    await clock.advance(1);
    expect(schedule()).toEqual([`triggered@${at(5)}`]);
    expect(handle.nextRun()?.toISOString()).toBe(at(10));
    await clock.advance(10 * MINUTE);
    expect(schedule()).toEqual([`triggered@${at(5)}`, `triggered@${at(10)}`, `triggered@${at(15)}`]);
    expect(runs().filter((r) => r.endsWith('Completed'))).toHaveLength(2); // the 00:15 run takes a minute
    const stopped = handle.stop({ graceMs: 5 * MINUTE });
    await clock.advance(MINUTE);
    await stopped;
    expect(runs().filter((r) => r.endsWith('Completed'))).toHaveLength(3);
    expect(handle.nextRun()).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('a triggered event carries the run id of the run it started', async () => {
    const clock = new VirtualClock(START);
    const { flow, events } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *' }), 1);
    const handle = await flow.schedule();
    await clock.advance(6 * MINUTE);
    const triggered = events.find((e) => e.type === 'schedule');
    const started = events.find((e) => e.type === 'workflow');
    expect(triggered).toMatchObject({ action: 'triggered', workflowId: 'nightly' });
    expect(triggered?.runId).toBeDefined();
    expect(triggered?.runId).toBe(started?.runId);
    await handle.stop();
  });

  it('computes the next fire time from now after each trigger: a late trigger is not followed by a burst', async () => {
    const inner = new VirtualClock(START);
    const clock = new LateClock(inner, 7 * MINUTE);
    const { target, fired } = countingTarget(clock);
    const scheduler = new CronScheduler({ cron: '*/5 * * * *', timezone: 'UTC', clock });
    const handle = scheduler.start(target);
    await inner.advance(12 * MINUTE); // the 00:05 timer fires at 00:12
    expect(fired).toEqual([at(5)]);
    expect(handle.nextRun()?.toISOString()).toBe(at(15)); // not 00:10, already past
    await inner.advance(10 * MINUTE); // the 00:15 timer fires at 00:22
    expect(fired).toEqual([at(5), at(15)]);
    await scheduler.stop();
    expect(inner.pending).toBe(0);
  });

  it('reads the expression in the given time zone', () => {
    const clock = new VirtualClock(START);
    const { target } = countingTarget(clock);
    const handle = new CronScheduler({ cron: '0 9 * * *', timezone: 'Asia/Tokyo' }).start(target);
    // 09:00 in Tokyo is 00:00 UTC: today's is now, so the next is tomorrow's
    expect(handle.nextRun()?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    return handle.stop();
  });

  it('waits longer than a Node timer can (a yearly expression) by chaining timers', async () => {
    const clock = new VirtualClock(START);
    const { target, fired } = countingTarget(clock);
    const handle = new CronScheduler({ cron: '0 0 1 1 *', timezone: 'UTC' }).start(target);
    expect(handle.nextRun()?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    await clock.advance(364 * 24 * 60 * MINUTE);
    expect(fired).toEqual([]);
    await clock.advance(24 * 60 * MINUTE);
    expect(fired).toEqual(['2027-01-01T00:00:00.000Z']);
    expect(handle.nextRun()?.toISOString()).toBe('2028-01-01T00:00:00.000Z');
    await handle.stop();
    expect(clock.pending).toBe(0);
  });
});
