import 'reflect-metadata';
import { Action, DotFlow, ExecutionMode, TaskStatus, Workflow, WorkflowStatus, action, type DotflowEvent, type StepContext, type TaskEvent } from '@dotflow/core';
import { newFlow, quietConfig, record, trail } from './helpers';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts how many steps run at once. */
class Gauge {
  running = 0;
  peak = 0;
  async hold<T>(ms: number, value: T): Promise<T> {
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    await sleep(ms);
    this.running--;
    return value;
  }
}

function sleepers(n: number, ms: number, gauge: Gauge, group?: (i: number) => string): DotFlow {
  const flow = newFlow();
  for (let i = 0; i < n; i++) {
    flow.task.add({
      step: action({ name: `s${i}` }, ({ previousContext }: StepContext) => gauge.hold(ms, { i, prev: previousContext.storage })),
      ...(group ? { groupName: group(i) } : {}),
    });
  }
  return flow;
}

/**
 * The most groups that were running at once, from a run's events: a group runs from its first
 * task's `In progress` to its last task's final event.
 */
function peakGroups(events: readonly DotflowEvent[]): number {
  const tasks = events.filter((e): e is TaskEvent => e.type === 'task');
  const firstOf = new Map<string, string>();
  const lastOf = new Map<string, string>();
  for (const e of tasks) {
    if (!firstOf.has(e.group)) firstOf.set(e.group, e.taskId);
    lastOf.set(e.group, e.taskId);
  }
  let running = 0;
  let peak = 0;
  for (const e of tasks) {
    if (e.status === TaskStatus.InProgress && firstOf.get(e.group) === e.taskId) peak = Math.max(peak, ++running);
    if (e.status === TaskStatus.Completed && lastOf.get(e.group) === e.taskId) running--;
  }
  return peak;
}

describe('parallel mode', () => {
  it('runs 20 steps of 100 ms at once, each with an empty previous context', async () => {
    const gauge = new Gauge();
    const flow = sleepers(20, 100, gauge);
    const started = performance.now();
    const result = await flow.start({ mode: ExecutionMode.Parallel });
    expect(gauge.peak).toBe(20); // all at once: the proof of overlap
    expect(performance.now() - started).toBeLessThan(1_500); // one after another would take 2 s
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(flow.resultStorage().every((s) => (s as { prev: unknown }).prev === null)).toBe(true);
  });

  it('never runs more than `concurrency` at a time', async () => {
    const gauge = new Gauge();
    const flow = sleepers(7, 20, gauge);
    const result = await flow.start({ mode: 'parallel', concurrency: 2 });
    expect(gauge.peak).toBe(2);
    expect(result.tasks.every((t) => t.status === TaskStatus.Completed)).toBe(true);
  });

  it('runs every task even after a failure (keepGoing has nothing to stop)', async () => {
    const flow = newFlow();
    flow.task.add({ step: action(function bad(): never { throw new Error('x'); }) });
    flow.task.add({ step: action(function good() { return 1; }) });
    const result = await flow.start({ mode: 'parallel' });
    expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Failed, TaskStatus.Completed]);
    expect(result.status).toBe(WorkflowStatus.Failed);
  });

  it('gives each task its initial context', async () => {
    const flow = newFlow();
    const both = ({ previousContext, initialContext }: StepContext) => [previousContext.storage, initialContext.storage];
    flow.task.add({ step: [action({ name: 'x' }, both), action({ name: 'y' }, both)], initialContext: 5 });
    await flow.start({ mode: 'parallel' });
    expect(flow.resultStorage()).toEqual([[null, 5], [null, 5]]);
  });
});

describe('group modes', () => {
  const groupOf = (i: number): string => (i % 2 === 0 ? 'even' : 'odd');

  it('parallel_group runs groups at once, each with its own context chain', async () => {
    const gauge = new Gauge();
    const flow = sleepers(6, 30, gauge, groupOf);
    const result = await flow.start({ mode: 'parallel_group' });
    expect(gauge.peak).toBe(2);
    expect(result.status).toBe(WorkflowStatus.Completed);
    const storage = flow.resultStorage() as { i: number; prev: { i: number } | null }[];
    expect(storage.map((s) => s.prev?.i ?? null)).toEqual([null, null, 0, 1, 2, 3]);
  });

  it('the default mode switches to parallel_group when tasks span several groups', async () => {
    const gauge = new Gauge();
    const flow = sleepers(4, 30, gauge, groupOf);
    await flow.start();
    expect(gauge.peak).toBe(2);
    const storage = flow.resultStorage() as { prev: { i: number } | null }[];
    expect(storage.map((s) => s.prev?.i ?? null)).toEqual([null, null, 0, 1]);
  });

  it('one non-default group everywhere stays sequential', async () => {
    const gauge = new Gauge();
    const flow = sleepers(3, 10, gauge, () => 'only');
    await flow.start();
    expect(gauge.peak).toBe(1);
  });

  it('sequential_group runs groups one after another, each chain starting empty', async () => {
    const gauge = new Gauge();
    const order: number[] = [];
    const flow = newFlow();
    for (let i = 0; i < 4; i++) {
      flow.task.add({
        step: action({ name: `s${i}` }, async ({ previousContext }: StepContext) => {
          order.push(i);
          return gauge.hold(10, { i, prev: previousContext.storage });
        }),
        groupName: groupOf(i),
      });
    }
    await flow.start({ mode: 'sequential_group' });
    expect(gauge.peak).toBe(1);
    expect(order).toEqual([0, 2, 1, 3]);
    const storage = flow.resultStorage() as { prev: { i: number } | null }[];
    expect(storage.map((s) => s.prev?.i ?? null)).toEqual([null, null, 0, 1]);
  });

  it('a failure stops only its own group; with keepGoing the group goes on', async () => {
    const build = (): DotFlow => {
      const flow = newFlow();
      flow.task.add({ step: action(function a1(): never { throw new Error('a1'); }), groupName: 'a' });
      flow.task.add({ step: action(function b1() { return 'b1'; }), groupName: 'b' });
      flow.task.add({ step: action(function a2() { return 'a2'; }), groupName: 'a' });
      flow.task.add({ step: action(function b2() { return 'b2'; }), groupName: 'b' });
      return flow;
    };
    for (const mode of ['parallel_group', 'sequential_group'] as const) {
      const stopped = await build().start({ mode });
      expect(stopped.tasks.map((t) => t.status)).toEqual(['Failed', 'Completed', 'Not started', 'Completed']);
      const going = await build().start({ mode, keepGoing: true });
      expect(going.tasks.map((t) => t.status)).toEqual(['Failed', 'Completed', 'Completed', 'Completed']);
      expect(going.status).toBe(WorkflowStatus.Failed);
    }
  });

  it('parallel_group with concurrency: 2 never runs more than 2 groups at once', async () => {
    const fourGroups = (i: number): string => `g${i % 4}`; // g0: s0 → s4, g1: s1 → s5, …
    const bounded = sleepers(8, 5, new Gauge(), fourGroups);
    const boundedEvents = record(bounded);
    const result = await bounded.start({ mode: 'parallel_group', concurrency: 2 });
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(peakGroups(boundedEvents)).toBe(2);
    const starts = trail(boundedEvents).filter((t) => /^s\d:In progress$/.test(t));
    expect(starts.slice(0, 2)).toEqual(['s0:In progress', 's1:In progress']); // groups start in order of first appearance
    // each group keeps its own chain under the bound
    const storage = bounded.resultStorage() as { prev: { i: number } | null }[];
    expect(storage.map((s) => s.prev?.i ?? null)).toEqual([null, null, null, null, 0, 1, 2, 3]);
    // the measure sees every group at once without the bound
    const unbounded = sleepers(8, 5, new Gauge(), fourGroups);
    const unboundedEvents = record(unbounded);
    await unbounded.start({ mode: 'parallel_group' });
    expect(peakGroups(unboundedEvents)).toBe(4);
  });

  it('@Action({ group }) puts class workflow tasks in groups; task.add groupName overrides', async () => {
    class Grouped extends Workflow {
      constructor() { super(quietConfig()); }
      @Action({ group: 'x' }) x1() { return 'x1'; }
      @Action({ group: 'y' }) y1() { return 'y1'; }
      @Action({ group: 'x' }) x2({ previousContext }: StepContext<string>) { return `${previousContext.storage}>x2`; }
    }
    const flow = new Grouped();
    await flow.start();
    expect(flow.resultStorage()).toEqual(['x1', 'y1', 'x1>x2']);
    const builder = newFlow();
    builder.task.add({ step: action({ group: 'g' }, function f() {}), groupName: 'h' });
    expect(builder.resultTask()[0]?.group).toBe('h');
  });
});

describe('background mode', () => {
  it('resolves with a handle before the first step finishes; done resolves with the result', async () => {
    const flow = newFlow({ workflowId: 'bg' });
    const ran: string[] = [];
    flow.task.add({ step: action(function first() { ran.push('first'); return 1; }) });
    flow.task.add({ step: action(function second() { ran.push('second'); return 2; }) });
    const events = record(flow);
    const run = await flow.start({ mode: 'background' });
    expect(ran).toEqual([]);
    expect(run.workflowId).toBe('bg');
    const result = await run.done;
    expect(ran).toEqual(['first', 'second']);
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(trail(events)).toEqual([
      'workflow:In progress', 'first:In progress', 'first:Completed', 'second:In progress', 'second:Completed', 'workflow:Completed',
    ]);
  });

  it('done never rejects, even when a step fails', async () => {
    const flow = newFlow();
    flow.task.add({ step: action(function bad(): never { throw new Error('x'); }) });
    const run = await flow.start({ mode: 'background' });
    await expect(run.done).resolves.toMatchObject({ status: WorkflowStatus.Failed });
  });

  it('keepGoing: a failed task does not stop the rest, which get its empty context; done is Failed', async () => {
    const build = (): DotFlow => {
      const flow = newFlow();
      flow.task.add({ step: action(async function bad(): Promise<never> { await Promise.resolve(); throw new Error('x'); }) });
      flow.task.add({ step: action(function next({ previousContext }: StepContext) { return { prev: previousContext.storage }; }) });
      return flow;
    };
    const going = build();
    const events = record(going);
    const run = await going.start({ mode: 'background', keepGoing: true });
    const result = await run.done;
    expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Failed, TaskStatus.Completed]);
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(going.resultStorage()[1]).toEqual({ prev: null });
    expect(trail(events)).toEqual(['workflow:In progress', 'bad:In progress', 'bad:Failed', 'next:In progress', 'next:Completed', 'workflow:Failed']);
    const stopped = await (await build().start({ mode: 'background' })).done;
    expect(stopped.tasks.map((t) => t.status)).toEqual([TaskStatus.Failed, TaskStatus.NotStarted]);
    expect(stopped.status).toBe(WorkflowStatus.Failed);
  });

  it('rejects bad options at once, before returning a handle', async () => {
    const flow = newFlow();
    await expect(flow.start({ mode: 'background', concurrency: 0 })).rejects.toThrow('"concurrency" must be an integer ≥ 1');
  });
});
