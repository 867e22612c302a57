import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { container } from 'tsyringe';
import {
  Action,
  Config,
  InvalidStartOptionsError,
  MemoryStorage,
  TaskStatus,
  Workflow,
  WorkflowLockedError,
  WorkflowStatus,
  action,
  type DotflowEvent,
  type StepContext,
} from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { RecordingLog, newFlow, quietConfig, record, sleep, taskEvent } from './helpers';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A flow of two trivial steps. */
function twoSteps(workflowId = 'wf', config = quietConfig()) {
  const flow = newFlow({ workflowId, config });
  flow.task.add({ step: [action(function a() { return 1; }), action(function b({ previousContext }: StepContext<number>) { return previousContext.storage + 1; })] });
  return flow;
}

describe('run identity', () => {
  it('every run has a UUID v7 runId, on each of its events, its result, result() and a BackgroundRun', async () => {
    const flow = twoSteps();
    const events = record(flow);
    expect(flow.result().runId).toBeNull();
    const result = await flow.start();
    expect(result.runId).toMatch(UUID_V7);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.type !== 'schedule' && e.runId).toBe(result.runId);
    expect(flow.result().runId).toBe(result.runId);
    const background = await flow.start({ mode: 'background' });
    expect(background.runId).toMatch(UUID_V7);
    expect(background.runId).not.toBe(result.runId);
    expect((await background.done).runId).toBe(background.runId);
    expect(flow.result().runId).toBe(background.runId);
  });

  it('runIds are unique and sort by start time, also within one millisecond and on a virtual clock that stands still', async () => {
    const flow = twoSteps('ids', quietConfig({ clock: new VirtualClock(1_700_000_000_000) }));
    const ids: string[] = [];
    for (let i = 0; i < 5_000; i++) ids.push((await flow.start()).runId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('the leading 48 bits of a runId are its start time in ms', async () => {
    const before = Date.now();
    const { runId } = await twoSteps().start();
    const ms = parseInt(runId.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before - 1);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('a run$() subscription gets the same runId on every event it sees', async () => {
    const flow = twoSteps();
    const seen: DotflowEvent[] = [];
    await new Promise<void>((resolve) => flow.run$().subscribe({ next: (e) => seen.push(e), complete: resolve }));
    const runIds = new Set(seen.map((e) => (e.type === 'schedule' ? undefined : e.runId)));
    expect(runIds.size).toBe(1);
    expect([...runIds][0]).toMatch(UUID_V7);
  });
});

describe('StartOptions.workflowId', () => {
  it('runs one run under another id: events, result, contexts and checkpoints use it; the instance keeps its own', async () => {
    const storage = new MemoryStorage();
    const flow = twoSteps('base', quietConfig({ storage }));
    const events = record(flow);
    const result = await flow.start({ workflowId: 'request-42' });
    expect(flow.workflowId).toBe('base');
    expect(result.workflowId).toBe('request-42');
    expect(events.every((e) => e.workflowId === 'request-42')).toBe(true);
    expect(result.tasks.map((t) => [t.workflowId, t.currentContext.workflowId])).toEqual([['request-42', 'request-42'], ['request-42', 'request-42']]);
    expect(flow.result().workflowId).toBe('request-42');
    expect(await storage.keys(storage.prefix('request-42'))).toHaveLength(2);
    expect(await storage.keys(storage.prefix('base'))).toEqual([]);
  });

  it('lets one resolved workflow serve concurrent runs, each under its own id', async () => {
    const storage = new MemoryStorage();
    const flow = newFlow({ workflowId: 'shared', config: quietConfig({ storage }) });
    flow.task.add({ step: action(async function slow({ initialContext, signal }: StepContext<unknown, number>) { await sleep(5, signal); return initialContext.storage * 2; }) });
    const results = await Promise.all([1, 2, 3].map((n) => flow.start({ workflowId: `shared-${n}`, initialContext: n })));
    expect(results.map((r) => [r.workflowId, r.status, r.tasks[0]?.currentContext.storage])).toEqual([
      ['shared-1', WorkflowStatus.Completed, 2], ['shared-2', WorkflowStatus.Completed, 4], ['shared-3', WorkflowStatus.Completed, 6],
    ]);
  });

  it.each([[''], [42], [null]])('refuses %p before anything runs', async (workflowId) => {
    const flow = twoSteps();
    const events = record(flow);
    await expect(flow.start({ workflowId } as never)).rejects.toThrow(InvalidStartOptionsError);
    await expect(flow.start({ workflowId } as never)).rejects.toThrow(/"workflowId" must be a non-empty string/);
    expect(() => flow.run$({ workflowId } as never)).toThrow(InvalidStartOptionsError);
    expect(events).toEqual([]);
  });
});

describe('ownership: one run of a workflow id at a time on a storage', () => {
  /** A flow whose one step waits until `release()` is called. */
  function held(workflowId: string, config: Config) {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const flow = newFlow({ workflowId, config });
    flow.task.add({ step: action(async function hold() { await gate; return 'held'; }) });
    return { flow, release: () => release() };
  }

  it('a second run of the same id, resume or not, rejects with WorkflowLockedError before any event, naming the id and the fixes', async () => {
    const config = quietConfig();
    const first = held('etl', config);
    const running = first.flow.start();
    await taskEvent(first.flow, 'hold');
    const second = twoSteps('etl', config);
    const events = record(second);
    for (const options of [{}, { resume: true }, { mode: 'background' as const }]) {
      const refused = second.start(options);
      await expect(refused).rejects.toThrow(WorkflowLockedError);
      await expect(second.start(options)).rejects.toThrow(/'etl'.*Wait for that run to end, or pass start\(\{ workflowId \}\)/s);
    }
    await expect(new Promise<void>((resolve, reject) => second.run$().subscribe({ error: reject, complete: resolve }))).rejects.toThrow(WorkflowLockedError);
    expect(events).toEqual([]);
    first.release();
    expect((await running).status).toBe(WorkflowStatus.Completed);
    // the claim was released: the id runs again
    expect((await second.start()).status).toBe(WorkflowStatus.Completed);
  });

  it('runs of other ids, or on another storage, are not held up', async () => {
    const config = quietConfig();
    const first = held('etl', config);
    const running = first.flow.start();
    await taskEvent(first.flow, 'hold');
    expect((await twoSteps('other', config).start()).status).toBe(WorkflowStatus.Completed);
    expect((await twoSteps('etl', quietConfig()).start()).status).toBe(WorkflowStatus.Completed);
    const sameFlowOtherId = first.flow.start({ workflowId: 'etl-2' });
    first.release();
    expect((await sameFlowOtherId).status).toBe(WorkflowStatus.Completed);
    expect((await running).status).toBe(WorkflowStatus.Completed);
  });

  it('the claim is released however the run ends: failed, cancelled, or refused for a corrupt checkpoint', async () => {
    const storage = new MemoryStorage();
    const config = quietConfig({ storage });
    const failing = newFlow({ workflowId: 'wf', config });
    failing.task.add({ step: action(function boom() { throw new Error('boom'); }) });
    expect((await failing.start()).status).toBe(WorkflowStatus.Failed);
    const controller = new AbortController();
    controller.abort();
    expect((await twoSteps('wf', config).start({ signal: controller.signal })).status).toBe(WorkflowStatus.Cancelled);
    await storage.set(storage.key('wf', 'a'), { corrupt: true });
    await expect(twoSteps('wf', config).start({ resume: true })).rejects.toThrow(/corrupt/);
    expect((await twoSteps('wf', config).start()).status).toBe(WorkflowStatus.Completed);
  });
});

describe('a Workflow and the container that resolves it', () => {
  it('uses the Config it is given by injection, as the README shows for a child container', async () => {
    @injectable()
    class QuietEtl extends Workflow {
      public constructor(config: Config) { super({ config, name: 'quiet-etl' }); }
      @Action() extract() { throw new Error('logged where?'); }
    }
    const log = new RecordingLog('error');
    const child = container.createChildContainer();
    const config = quietConfig({ log });
    child.register(Config, { useValue: config });
    const etl = child.resolve(QuietEtl);
    expect(etl.config).toBe(config);
    expect((await etl.start()).status).toBe(WorkflowStatus.Failed);
    expect(log.messages('error')[0]).toContain('extract: Failed');
  });
});

describe('describe()', () => {
  it('returns the plan as plain JSON: tasks in order with ids, groups and resolved options, and the default mode; no step runs', () => {
    const calls: string[] = [];
    const flow = newFlow({ workflowId: 'plan', name: 'nightly' });
    const extract = action({ retry: 3, timeout: 500, backoff: { factor: 3, jitter: true } }, function extract() { calls.push('extract'); });
    flow.task.add({ step: extract });
    flow.task.add({ step: extract, groupName: 'again', initialContext: 1, callback: () => undefined });
    const plan = flow.describe();
    expect(calls).toEqual([]);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(plan).toEqual({
      workflowId: 'plan',
      name: 'nightly',
      mode: 'parallel_group',
      tasks: [
        { taskId: 'extract', name: 'extract', group: 'default', options: { retry: 3, timeout: 500, retryDelay: 1000, backoff: { factor: 3, maxDelay: null, jitter: true }, isolate: null }, ownInitialContext: false, callback: false },
        { taskId: 'extract#2', name: 'extract', group: 'again', options: { retry: 3, timeout: 500, retryDelay: 1000, backoff: { factor: 3, maxDelay: null, jitter: true }, isolate: null }, ownInitialContext: true, callback: true },
      ],
    });
    expect(flow.result().status).toBe(WorkflowStatus.New);
  });

  it('of a class workflow: its @Action methods, sequential when they share a group; the constructor runs, no step does', () => {
    const calls: string[] = [];
    @injectable()
    class Etl extends Workflow {
      @Action() extract() { calls.push('extract'); }
      @Action({ retry: 2 }) load() { calls.push('load'); }
    }
    const plan = container.createChildContainer().resolve(Etl).describe();
    expect(plan.mode).toBe('sequential');
    expect(plan.name).toBe('Etl');
    expect(plan.tasks.map((t) => [t.taskId, t.options.retry])).toEqual([['extract', 1], ['load', 2]]);
    expect(calls).toEqual([]);
  });
});

describe('time from Config.clock', () => {
  it('a run on a VirtualClock has virtual times in every context, event, task, checkpoint and log line', async () => {
    const start = Date.UTC(2001, 0, 1);
    const clock = new VirtualClock(start);
    const storage = new MemoryStorage();
    const lines: { time?: Date }[] = [];
    const log = { level: 'debug' as const, write: (r: { time?: Date }): void => { lines.push(r); } };
    const flow = newFlow({ workflowId: 'virtual', config: quietConfig({ clock, storage, log }) });
    flow.task.add({ step: action({ retry: 2, retryDelay: 1_000 }, async function flaky({ task, signal }: StepContext) {
      await sleep(100, signal, clock);
      if (task.attempt === 1) throw new Error('once');
      return 'ok';
    }) });
    flow.task.add({ step: action(function after() { return 1; }) });
    const events = record(flow);
    const done = flow.start({ resume: true });
    await clock.runAll();
    const result = await done;
    expect(result.status).toBe(WorkflowStatus.Completed);
    const end = start + 100 + 1_000 + 100;
    const inRange = (d: Date): boolean => d.getTime() >= start && d.getTime() <= end;
    for (const e of events) expect(inRange(e.at)).toBe(true);
    for (const t of result.tasks) {
      for (const c of [t.initialContext, t.previousContext, t.currentContext]) expect(inRange(c.time)).toBe(true);
      expect(inRange(t.startedAt as Date) && inRange(t.finishedAt as Date)).toBe(true);
    }
    expect(result.tasks[0]?.duration).toBe(1_200);
    expect(result.duration).toBe(1_200);
    const stored = (await storage.get(storage.key('virtual', 'flaky'))) as { time: string };
    expect(stored.time).toBe(new Date(end).toISOString());
    const recordKey = (await storage.keys(storage.prefix('virtual'))).find((k) => k.includes('run'));
    expect(((await storage.get(recordKey as string)) as { updatedAt: string }).updatedAt).toBe(new Date(start).toISOString());
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(inRange(line.time as Date)).toBe(true);
  });

  it('backoff jitter draws from clock.random(), so a seeded clock gives the same delays on every run', async () => {
    async function delays(seed: number): Promise<number[]> {
      const clock = new VirtualClock(0, seed);
      const flow = newFlow({ workflowId: 'jitter', config: quietConfig({ clock }) });
      flow.task.add({ step: action({ retry: 4, retryDelay: 1_000, backoff: { jitter: true } }, function fails() { throw new Error('no'); }) });
      const at: number[] = [];
      flow.events$.subscribe((e) => { if (e.type === 'task' && e.status === TaskStatus.Retry) at.push(e.at.getTime()); });
      const done = flow.start();
      await clock.runAll();
      const result = await done;
      const finished = result.tasks[0]?.finishedAt?.getTime() ?? NaN;
      return [...at.slice(1), finished].map((t, i) => t - (at[i] as number));
    }
    const first = await delays(7);
    expect(first).toHaveLength(3);
    expect(await delays(7)).toEqual(first);
    expect(await delays(8)).not.toEqual(first);
    first.forEach((d, i) => expect(d).toBeLessThanOrEqual(1_000 * 2 ** i));
  });
});
