import 'reflect-metadata';
import { container, injectable, type DependencyContainer } from 'tsyringe';
import {
  Action,
  Config,
  ExecutionModeNotExistError,
  InvalidStartOptionsError,
  ManualScheduler,
  UnnamedTaskError,
  Workflow,
  WorkflowLockedError,
  WorkflowStatus,
  action,
  type ScheduleHandle,
  type ScheduleTarget,
  type Scheduler,
  type StepContext,
  type WorkflowResult,
} from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { newFlow, quietConfig, record, trail } from './helpers';

/** A scheduler that keeps the workflows handed to it, so a test can trigger them. */
class RecordingScheduler implements Scheduler {
  public readonly targets: ScheduleTarget[] = [];
  public readonly runs: (() => Promise<WorkflowResult>)[] = [];
  public start(target: ScheduleTarget): ScheduleHandle {
    this.targets.push(target);
    this.runs.push(() => target.trigger(new Date(target.clock.now())));
    return { workflowId: target.workflowId, nextRun: () => undefined, stop: () => Promise.resolve() };
  }
  public stop(): Promise<void> {
    return Promise.resolve();
  }
}

/** A builder workflow whose one step counts its calls and returns `{ call, input }`. */
function counter(config: Config, workflowId = 'nightly') {
  const calls = { n: 0 };
  const flow = newFlow({ config, workflowId });
  flow.task.add({ step: action(function tick({ initialContext }: StepContext) { calls.n++; return { call: calls.n, input: initialContext.storage }; }) });
  return { flow, calls };
}

describe('schedule()', () => {
  it('hands a start with the given options to config.scheduler; nothing runs until it is called', async () => {
    const scheduler = new RecordingScheduler();
    const { flow, calls } = counter(quietConfig({ scheduler }));
    const events = record(flow);
    await flow.schedule({ initialContext: 'x', mode: 'sequential' });
    expect(scheduler.runs).toHaveLength(1);
    expect(calls.n).toBe(0);
    expect(events).toEqual([]);
    const result = (await scheduler.runs[0]?.()) as WorkflowResult;
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(flow.resultStorage()).toEqual([{ call: 1, input: 'x' }]);
    expect(trail(events)).toEqual(['schedule:triggered', 'workflow:In progress', 'tick:In progress', 'tick:Completed', 'workflow:Completed']);
    const [triggered, first] = events;
    expect(triggered).toMatchObject({ type: 'schedule', action: 'triggered', workflowId: 'nightly', name: flow.name, runId: result.runId });
    expect(first?.type === 'workflow' && first.runId).toBe(result.runId);
  });

  it('awaits the scheduler, and rejects when it does', async () => {
    const refused = new Error('no cron slot');
    const scheduler: Scheduler = { start: () => Promise.reject(refused), stop: () => Promise.resolve() };
    await expect(counter(quietConfig({ scheduler })).flow.schedule()).rejects.toBe(refused);
  });

  it.each<[string, object, new (...args: never[]) => Error]>([
    ['an unknown mode', { mode: 'hourly' }, ExecutionModeNotExistError],
    ['an unknown option', { cron: '0 * * * *' }, InvalidStartOptionsError],
    ['a bad concurrency', { concurrency: 0 }, InvalidStartOptionsError],
  ])('%s rejects schedule() before anything is scheduled', async (_what, options, type) => {
    const scheduler = new RecordingScheduler();
    const { flow, calls } = counter(quietConfig({ scheduler }));
    await expect(flow.schedule(options as never)).rejects.toThrow(type);
    expect(scheduler.runs).toEqual([]);
    expect(calls.n).toBe(0);
  });

  it('resume with an anonymous step rejects schedule() before anything is scheduled', async () => {
    const scheduler = new RecordingScheduler();
    const flow = newFlow({ config: quietConfig({ scheduler }) });
    flow.task.add({ step: action(() => 1) });
    await expect(flow.schedule({ resume: true })).rejects.toThrow(UnnamedTaskError);
    expect(scheduler.runs).toEqual([]);
  });
});

describe('ManualScheduler (the default)', () => {
  let child: DependencyContainer;
  beforeEach(() => {
    child = container.createChildContainer();
  });

  it('is the scheduler of a default Config', () => {
    expect(new Config().scheduler).toBeInstanceOf(ManualScheduler);
  });

  it('each trigger() is a fresh run of every scheduled workflow; stop() forgets them', async () => {
    const scheduler = new ManualScheduler();
    child.register(Config, { useValue: quietConfig({ scheduler }) });
    const first = counter(child.resolve(Config));
    // two workflows on one storage need two ids: a run claims its id
    const second = counter(child.resolve(Config), 'nightly-2');
    const events = record(first.flow);
    await first.flow.schedule({ initialContext: 1 });
    await second.flow.schedule({ initialContext: 2 });
    expect(first.calls.n + second.calls.n).toBe(0);

    const once = (await scheduler.trigger());
    expect(once.map((r) => r.status)).toEqual([WorkflowStatus.Completed, WorkflowStatus.Completed]);
    expect(first.flow.resultStorage()).toEqual([{ call: 1, input: 1 }]);
    expect(second.flow.resultStorage()).toEqual([{ call: 1, input: 2 }]);

    const twice = (await scheduler.trigger());
    expect(twice[0]).not.toBe(once[0]);
    expect(first.flow.resultStorage()).toEqual([{ call: 2, input: 1 }]);
    expect(trail(events).filter((t) => t.startsWith('workflow:'))).toEqual([
      'workflow:In progress', 'workflow:Completed', 'workflow:In progress', 'workflow:Completed',
    ]);

    await scheduler.stop();
    expect(await scheduler.trigger()).toEqual([]);
    expect(first.calls.n).toBe(2);
  });

  it('schedules a class workflow whose Config the container injects', async () => {
    @injectable()
    class Nightly extends Workflow {
      public constructor(config: Config) { super({ config, workflowId: 'nightly' }); }
      @Action() extract() { return [1, 2, 3]; }
      @Action() load({ previousContext }: StepContext<number[]>) { return previousContext.storage.length; }
    }
    const scheduler = new ManualScheduler();
    child.register(Config, { useValue: quietConfig({ scheduler }) });
    const nightly = child.resolve(Nightly);
    await nightly.schedule();
    expect(nightly.result().status).toBe(WorkflowStatus.New);
    const [result] = (await scheduler.trigger());
    expect(result?.status).toBe(WorkflowStatus.Completed);
    expect(nightly.resultStorage()).toEqual([[1, 2, 3], 3]);
  });
});

describe('schedule handles and schedule events', () => {
  /** A flow whose one step waits for its signal or for `release()`. */
  function gated(config: Config) {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const flow = newFlow({ config, workflowId: 'gated' });
    flow.task.add({ step: action(async function wait({ signal }: StepContext) {
      await new Promise<void>((resolve, reject) => {
        void gate.then(resolve);
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
      return 'done';
    }) });
    return { flow, release: () => release() };
  }

  it('schedule() resolves with the scheduler\'s handle: the workflow id, no next run for a manual scheduler', async () => {
    const scheduler = new ManualScheduler();
    const { flow } = counter(quietConfig({ scheduler }));
    const handle = await flow.schedule();
    expect(handle.workflowId).toBe('nightly');
    expect(handle.nextRun()).toBeUndefined();
    await handle.stop();
    expect(await scheduler.trigger()).toEqual([]);
  });

  it('stop({ graceMs }) waits for a run going on, then cancels it once the grace is over', async () => {
    const scheduler = new ManualScheduler();
    const { flow, release } = gated(quietConfig({ scheduler }));
    const handle = await flow.schedule();
    const running = scheduler.trigger();
    await new Promise<void>((resolve) => flow.events$.subscribe((e) => { if (e.type === 'task' && e.status === 'In progress') resolve(); }));
    const stopped = handle.stop({ graceMs: 10 });
    const [result] = await running;
    await stopped;
    expect(result?.status).toBe(WorkflowStatus.Cancelled);
    release();
  });

  it('stop({ graceMs }) times the grace on the workflow clock: a VirtualClock run is cancelled when the clock passes it, not before', async () => {
    const clock = new VirtualClock(0);
    const scheduler = new ManualScheduler();
    const { flow, release } = gated(quietConfig({ scheduler, clock }));
    const handle = await flow.schedule();
    const running = scheduler.trigger();
    await new Promise<void>((resolve) => flow.events$.subscribe((e) => { if (e.type === 'task' && e.status === 'In progress') resolve(); }));
    let stopped = false;
    const stopping = handle.stop({ graceMs: 60_000 }).then(() => { stopped = true; });
    await clock.advance(59_999);
    expect(stopped).toBe(false); // no real timer ended the grace
    await clock.advance(1);
    await stopping;
    expect((await running)[0]?.status).toBe(WorkflowStatus.Cancelled);
    release();
  });

  it('stop() lets a run that ends within the grace end as it would', async () => {
    const scheduler = new ManualScheduler();
    const { flow, release } = gated(quietConfig({ scheduler }));
    const handle = await flow.schedule();
    const running = scheduler.trigger();
    const stopped = handle.stop({ graceMs: 60_000 });
    release();
    await stopped;
    expect((await running)[0]?.status).toBe(WorkflowStatus.Completed);
  });

  it('a scheduler reports triggers it does not run as schedule events; a trigger may run under another id', async () => {
    const scheduler = new RecordingScheduler();
    const { flow } = counter(quietConfig({ scheduler }));
    const events = record(flow);
    await flow.schedule();
    const target = scheduler.targets[0] as ScheduleTarget;
    const at = new Date(Date.UTC(2026, 11, 1, 3));
    target.report('skipped', at);
    target.report('queued', at);
    target.report('dropped', at);
    const result = await target.trigger(at, { workflowId: `nightly@${at.toISOString()}` });
    expect(result.workflowId).toBe('nightly@2026-12-01T03:00:00.000Z');
    expect(events.filter((e) => e.type === 'schedule')).toEqual([
      { type: 'schedule', workflowId: 'nightly', name: flow.name, action: 'skipped', scheduledAt: at, at: expect.any(Date) as unknown },
      { type: 'schedule', workflowId: 'nightly', name: flow.name, action: 'queued', scheduledAt: at, at: expect.any(Date) as unknown },
      { type: 'schedule', workflowId: 'nightly', name: flow.name, action: 'dropped', scheduledAt: at, at: expect.any(Date) as unknown },
      { type: 'schedule', workflowId: 'nightly@2026-12-01T03:00:00.000Z', name: flow.name, action: 'triggered', scheduledAt: at, runId: result.runId, at: expect.any(Date) as unknown },
    ]);
  });

  it('a trigger refused because a run of the same id goes on rejects with WorkflowLockedError and emits no triggered event', async () => {
    const scheduler = new RecordingScheduler();
    const { flow, release } = gated(quietConfig({ scheduler }));
    const events = record(flow);
    await flow.schedule();
    const target = scheduler.targets[0] as ScheduleTarget;
    const first = target.trigger(new Date(0));
    await new Promise<void>((resolve) => flow.events$.subscribe((e) => { if (e.type === 'task' && e.status === 'In progress') resolve(); }));
    await expect(target.trigger(new Date(1))).rejects.toThrow(WorkflowLockedError);
    release();
    expect((await first).status).toBe(WorkflowStatus.Completed);
    expect(events.filter((e) => e.type === 'schedule').map((e) => e.type === 'schedule' && e.scheduledAt.getTime())).toEqual([0]);
  });
});
