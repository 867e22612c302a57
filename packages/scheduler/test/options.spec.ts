import 'reflect-metadata';
import { container } from 'tsyringe';
import { Config, ConsoleLog, DotFlow, DotflowError, WorkflowLockedError, action, type ScheduleTarget } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { CronScheduler, InvalidScheduleError, type CronSchedulerOptions } from '@dotflow/scheduler';
import { MINUTE, START, at, slowFlow } from './harness';

describe('invalid options fail at construction, naming the value and the fix', () => {
  it.each<[string, unknown, string, RegExp]>([
    ['a cron expression with too few fields', { cron: '*/5 * * *' }, 'cron', /"\*\/5 \* \* \*" is not a valid cron expression.*'\*\/5 \* \* \* \*'/],
    ['a cron expression out of range', { cron: '61 * * * *' }, 'cron', /"61 \* \* \* \*" is not a valid cron expression \(.*minute/],
    ['a cron expression that never fires', { cron: '0 0 30 2 *' }, 'cron', /"0 0 30 2 \*" never fires/],
    ['an empty cron', { cron: '' }, 'cron', /cron must be a cron expression such as '\*\/5 \* \* \* \*'/],
    ['no cron', {}, 'cron', /got undefined/],
    ['an unknown time zone', { cron: '* * * * *', timezone: 'Mars/Base' }, 'timezone', /"Mars\/Base" is not an IANA time zone; use one such as 'UTC'/],
    ['an unknown overlap', { cron: '* * * * *', overlap: 'replace' }, 'overlap', /"replace" is not one of 'skip', 'queue', 'parallel'/],
    ['maxParallel 0', { cron: '* * * * *', overlap: 'parallel', maxParallel: 0 }, 'maxParallel', /1 or more, got 0; leave it out for 10/],
    ['a fractional maxParallel', { cron: '* * * * *', maxParallel: 1.5 }, 'maxParallel', /got 1\.5/],
    ['a clock without timers', { cron: '* * * * *', clock: { now: () => 0 } }, 'clock', /setTimeout\(\) and clearTimeout\(\)/],
    ['an unknown option', { cron: '* * * * *', interval: 5 }, 'interval', /unknown option "interval"/],
    ['no options object', undefined, 'options', /expected an options object/],
  ])('%s', (_what, options, option, message) => {
    const build = (): CronScheduler => new CronScheduler(options as CronSchedulerOptions);
    expect(build).toThrow(InvalidScheduleError);
    expect(build).toThrow(message);
    try {
      build();
    } catch (error) {
      expect(error).toBeInstanceOf(DotflowError);
      expect((error as InvalidScheduleError).option).toBe(option);
      expect((error as Error).message).toMatch(/^CronScheduler: /);
    }
  });

  it('accepts seconds (six fields), a time zone and every overlap', () => {
    for (const overlap of ['skip', 'queue', 'parallel'] as const) {
      const scheduler = new CronScheduler({ cron: '*/10 * * * * *', timezone: 'Europe/Berlin', overlap, maxParallel: 3 });
      expect([scheduler.cron, scheduler.overlap]).toEqual(['*/10 * * * * *', overlap]);
    }
  });
});

describe('a trigger that cannot start its run', () => {
  it('is reported dropped and handed to onError; the schedule goes on (WorkflowLockedError)', async () => {
    const clock = new VirtualClock(START);
    const errors: [unknown, string][] = [];
    const scheduler = new CronScheduler({ cron: '*/5 * * * *', onError: (error, scheduledAt) => errors.push([error, scheduledAt.toISOString()]) });
    const { flow, schedule, runs } = slowFlow(clock, scheduler, 7);
    const handle = await flow.schedule();
    const byHand = flow.start(); // holds the id 'nightly' until 00:07
    await clock.advance(5 * MINUTE);
    expect(schedule()).toEqual([`dropped@${at(5)}`]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[0]).toBeInstanceOf(WorkflowLockedError);
    expect(errors[0]?.[1]).toBe(at(5));
    await clock.advance(5 * MINUTE);
    await byHand;
    expect(schedule()).toEqual([`dropped@${at(5)}`, `triggered@${at(10)}`]);
    const stopping = handle.stop({ graceMs: 10 * MINUTE });
    await clock.runAll();
    await stopping;
    expect(runs().filter((r) => r.endsWith('Completed'))).toHaveLength(2);
  });

  it('a trigger or onError that throws synchronously never escapes the timer', async () => {
    const clock = new VirtualClock(START);
    const reports: string[] = [];
    const target: ScheduleTarget = {
      workflowId: 'throws', name: 'throws', clock, resume: false,
      trigger: () => { throw new Error('boom'); },
      report: (action, scheduledAt) => reports.push(`${action}@${scheduledAt.toISOString()}`),
    };
    const handle = new CronScheduler({ cron: '*/5 * * * *', onError: () => { throw new Error('onError too'); } }).start(target);
    await clock.advance(10 * MINUTE);
    expect(reports).toEqual([`dropped@${at(5)}`, `dropped@${at(10)}`]);
    expect(handle.nextRun()?.toISOString()).toBe(at(15));
    await handle.stop();
    expect(clock.pending).toBe(0);
  });
});

describe('a run that fails', () => {
  it('is an ordinary Failed run; the schedule goes on', async () => {
    const clock = new VirtualClock(START);
    const config = new Config({ clock, scheduler: new CronScheduler({ cron: '*/5 * * * *' }), log: new ConsoleLog({ level: 'silent' }) });
    const flow = new DotFlow({ config, workflowId: 'fails', container: container.createChildContainer() });
    flow.task.add({ step: action(function breaks() { throw new Error('broken'); }) });
    const ends: string[] = [];
    flow.events$.subscribe((e) => {
      if (e.type === 'workflow' && e.status !== 'In progress') ends.push(`${e.status}@${e.at.toISOString()}`);
    });
    const handle = await flow.schedule();
    await clock.advance(10 * MINUTE);
    expect(ends).toEqual([`Failed@${at(5)}`, `Failed@${at(10)}`]);
    expect(handle.nextRun()?.toISOString()).toBe(at(15));
    await handle.stop();
  });
});

describe('resume with overlap: parallel', () => {
  function flowOn(scheduler: CronScheduler): DotFlow {
    const flow = new DotFlow({
      workflowId: 'nightly',
      container: container.createChildContainer(),
      config: new Config({ scheduler, clock: new VirtualClock(START), log: new ConsoleLog({ level: 'silent' }) }),
    });
    flow.task.add({ step: action(function load() { return 1; }) });
    return flow;
  }

  it('is refused at schedule(), naming the workflow and the fixes; nothing is scheduled', async () => {
    const flow = flowOn(new CronScheduler({ cron: '* * * * *', overlap: 'parallel' }));
    const events: string[] = [];
    flow.events$.subscribe((e) => events.push(e.type));
    await expect(flow.schedule({ resume: true })).rejects.toThrow(InvalidScheduleError);
    await expect(flow.schedule({ resume: true })).rejects.toThrow(/workflow 'nightly' is scheduled with resume: true.*use overlap: 'skip' or 'queue'/);
    expect(events).toEqual([]);
  });

  it.each(['skip', 'queue'] as const)('is accepted with overlap: %s', async (overlap) => {
    const flow = flowOn(new CronScheduler({ cron: '* * * * *', overlap }));
    const handle = await flow.schedule({ resume: true });
    expect(handle.workflowId).toBe('nightly');
    await handle.stop({ graceMs: 0 });
  });
});
