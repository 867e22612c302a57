import 'reflect-metadata';
import { readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  CorruptCheckpointError,
  type DotFlow,
  FileStorage,
  InputChangedError,
  MemoryStorage,
  TaskStatus,
  WorkflowLockedError,
  WorkflowStatus,
  action,
  type Storage,
  type StepContext,
} from '@dotflow/core';
import { RecordingLog, newFlow, quietConfig, record, tempDir, trail } from './helpers';

const tmp = (): string => tempDir('dotflow-resume-');

/** a → b (fails while `failing.b` is set) → c; counts calls per step. */
function pipeline(storage: Storage, failing: { b: boolean }, calls: Record<string, number>, workflowId = 'wf') {
  const count = (name: string): void => { calls[name] = (calls[name] ?? 0) + 1; };
  const flow = newFlow({ config: quietConfig({ storage }), workflowId });
  flow.task.add({ step: action(function a() { count('a'); return { a: 1 }; }) });
  flow.task.add({ step: action(function b({ previousContext }: StepContext<{ a: number }>) {
    count('b');
    if (failing.b) throw new Error('b is down');
    return { b: previousContext.storage.a + 1 };
  }) });
  flow.task.add({ step: action(function c({ previousContext }: StepContext<{ b: number }>) { count('c'); return { c: previousContext.storage.b + 1 }; }) });
  return flow;
}

describe.each<[string, () => Storage]>([
  ['MemoryStorage', () => new MemoryStorage()],
  ['FileStorage', () => new FileStorage({ path: tmp() })],
])('resume on %s', (_name, makeStorage) => {
  it('skips completed tasks, feeds their stored context on, and runs the rest', async () => {
    const storage = makeStorage();
    const calls: Record<string, number> = {};
    const failing = { b: true };
    const first = await pipeline(storage, failing, calls).start();
    expect(first.tasks.map((t) => t.status)).toEqual(['Completed', 'Failed', 'Not started']);
    failing.b = false;
    const flow = pipeline(storage, failing, calls);
    const events = record(flow);
    const second = await flow.start({ resume: true });
    expect(second.status).toBe(WorkflowStatus.Completed);
    expect(second.tasks.map((t) => t.status)).toEqual([TaskStatus.Skipped, TaskStatus.Completed, TaskStatus.Completed]);
    expect(calls).toEqual({ a: 1, b: 2, c: 1 });
    expect(flow.resultStorage()).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
    expect(trail(events)).toEqual(['workflow:In progress', 'a:Skipped', 'b:In progress', 'b:Completed', 'c:In progress', 'c:Completed', 'workflow:Completed']);
    expect(events[1]).toMatchObject({ status: 'Skipped', storage: { a: 1 } });
    const third = await pipeline(storage, failing, calls).start({ resume: true });
    expect(third.tasks.map((t) => t.status)).toEqual(['Skipped', 'Skipped', 'Skipped']);
    expect(calls).toEqual({ a: 1, b: 2, c: 1 });
  });

  it('counts a null result as done', async () => {
    const storage = makeStorage();
    let calls = 0;
    const build = () => {
      const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'nulls' });
      flow.task.add({ step: action(function nothing() { calls++; return null; }) });
      return flow;
    };
    await build().start();
    const again = await build().start({ resume: true });
    expect(again.tasks[0]?.status).toBe(TaskStatus.Skipped);
    expect(calls).toBe(1);
  });

  it('a run without resume starts afresh, replacing old checkpoints', async () => {
    const storage = makeStorage();
    const calls: Record<string, number> = {};
    await pipeline(storage, { b: false }, calls).start();
    await pipeline(storage, { b: true }, calls).start();
    const resumed = await pipeline(storage, { b: false }, calls).start({ resume: true });
    expect(resumed.tasks.map((t) => t.status)).toEqual(['Skipped', 'Completed', 'Completed']);
  });

  it('stores each checkpoint before the next task starts', async () => {
    const storage = makeStorage();
    const seen: unknown[] = [];
    const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'order' });
    flow.task.add({ step: action(function first() { return 'one'; }) });
    flow.task.add({ step: action(async function second() { seen.push(await storage.get(storage.key('order', 'first'))); }) });
    await flow.start();
    expect(seen[0]).toMatchObject({ status: 'Completed', taskId: 'first', storage: 'one' });
  });

  it('resumes in group, background and parallel modes', async () => {
    for (const mode of ['parallel_group', 'sequential_group', 'background', 'parallel'] as const) {
      const storage = makeStorage();
      const calls: Record<string, number> = {};
      const build = (fail: boolean) => {
        const flow = newFlow({ config: quietConfig({ storage }), workflowId: `m-${mode}` });
        const step = (name: string, group: string) => action({ name, group }, () => {
          calls[name] = (calls[name] ?? 0) + 1;
          if (fail && name === 'x2') throw new Error('x2');
          return name;
        });
        flow.task.add({ step: [step('x1', 'x'), step('x2', 'x'), step('y1', 'y')] });
        return flow;
      };
      const startIn = async (flow: DotFlow, resume: boolean) => {
        const out = await flow.start({ mode, resume });
        return 'done' in out ? out.done : out;
      };
      await startIn(build(true), false);
      const second = await startIn(build(false), true);
      expect(second.tasks.map((t) => t.status)).toEqual(['Skipped', 'Completed', 'Skipped']);
      expect(calls).toEqual({ x1: 1, x2: 2, y1: 1 });
    }
  });
});

describe('input fingerprint', () => {
  const build = (storage: Storage, input: unknown, calls: string[]) => {
    const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'fp' });
    flow.task.add({ step: action(function only({ initialContext }: StepContext) { calls.push(String(initialContext.storage)); return 1; }), initialContext: input });
    return flow;
  };

  it('reuse (default) keeps checkpoints and the stored fingerprint', async () => {
    const storage = new MemoryStorage();
    const calls: string[] = [];
    await build(storage, 'v1', calls).start({ resume: true });
    const reused = await build(storage, 'v2', calls).start({ resume: true });
    expect(reused.tasks[0]?.status).toBe('Skipped');
    await expect(build(storage, 'v2', calls).start({ resume: true, onInputChange: 'raise' })).rejects.toThrow(InputChangedError);
    const same = await build(storage, 'v1', calls).start({ resume: true, onInputChange: 'raise' });
    expect(same.tasks[0]?.status).toBe('Skipped');
    expect(calls).toEqual(['v1']);
  });

  it('reset deletes the checkpoints and runs again with the new input', async () => {
    const storage = new MemoryStorage();
    const calls: string[] = [];
    await build(storage, 'v1', calls).start({ resume: true });
    const reset = await build(storage, 'v2', calls).start({ resume: true, onInputChange: 'reset' });
    expect(reset.tasks[0]?.status).toBe('Completed');
    await expect(build(storage, 'v2', calls).start({ resume: true, onInputChange: 'raise' })).resolves.toMatchObject({ status: 'Completed' });
    expect(calls).toEqual(['v1', 'v2']);
  });

  it('raise rejects start() before any event, naming the workflow', async () => {
    const storage = new MemoryStorage();
    const calls: string[] = [];
    await build(storage, { a: 1, b: 2 }, calls).start({ resume: true });
    await expect(build(storage, { b: 2, a: 1 }, calls).start({ resume: true, onInputChange: 'raise' })).resolves.toMatchObject({ status: 'Completed' });
    const flow = build(storage, { a: 2 }, calls);
    const events = record(flow);
    await expect(flow.start({ resume: true, onInputChange: 'raise' })).rejects.toThrow("Workflow 'fp' was previously executed with a different initialContext.");
    expect(events).toEqual([]);
  });
});

describe('FileStorage checkpoints', () => {
  it('round-trips every value type it supports', async () => {
    const path = tmp();
    const values: Record<string, unknown> = {
      date: new Date('2026-01-02T03:04:05.678Z'),
      map: new Map<unknown, unknown>([['k', 1], [2, new Set([3])]]),
      set: new Set(['a', 'b']),
      big: 12345678901234567890n,
      undef: undefined,
      nums: [NaN, Infinity, -Infinity, -0, 1.5],
      buffer: Buffer.from('hi'),
      bytes: new Uint8Array([1, 2, 255]),
      tagged: { $t: 'Date', v: 'not a date' },
      nested: { list: [{ when: new Date(0) }, null, 'x'], empty: {} },
      nullProto: Object.assign(Object.create(null) as object, { a: 1 }),
    };
    const build = () => {
      const flow = newFlow({ config: quietConfig({ storage: new FileStorage({ path }) }), workflowId: 'types' });
      for (const [name, v] of Object.entries(values)) flow.task.add({ step: action({ name }, () => v) });
      return flow;
    };
    await build().start();
    const flow = build();
    const resumed = await flow.start({ resume: true });
    expect(resumed.tasks.every((t) => t.status === 'Skipped')).toBe(true);
    const restored = Object.fromEntries(flow.resultTask().map((t) => [t.name, t.currentContext.storage]));
    expect(restored).toEqual(values);
    expect(Object.is((restored['nums'] as number[])[3], -0)).toBe(true);
    expect(Buffer.isBuffer(restored['buffer'])).toBe(true);
    expect(restored['bytes']).toBeInstanceOf(Uint8Array);
    expect('undef' in restored && restored['undef'] === undefined).toBe(true);
  });

  it('refuses a result it cannot keep: the task fails with a clear error, nothing is written', async () => {
    class Point { constructor(public x: number) {} }
    const storage = new FileStorage({ path: tmp() });
    const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'refuse' });
    flow.task.add({ step: action(function point() { return { p: new Point(1) }; }) });
    const result = await flow.start();
    expect(result.tasks[0]?.status).toBe(TaskStatus.Failed);
    expect(result.tasks[0]?.errors[0]).toMatchObject({
      exception: 'UnserializableValueError',
      message: expect.stringContaining('Cannot store the result of task "point".p in a checkpoint: an instance of Point cannot be kept faithfully') as unknown,
    });
    expect(await storage.keys(storage.prefix('refuse'))).toEqual([]);
  });

  it('on the in-memory default, such a result completes without a checkpoint, silently: nothing would read it', async () => {
    class Point { constructor(public x: number) {} }
    const log = new RecordingLog('warn');
    const flow = newFlow({ config: quietConfig({ log }), workflowId: 'mem' });
    const p = new Point(1);
    flow.task.add({ step: action(function point() { return p; }) });
    for (let i = 0; i < 3; i++) {
      const result = await flow.start();
      expect(result.tasks[0]?.status).toBe('Completed');
      expect(flow.resultStorage()[0]).toBe(p);
    }
    expect(log.messages('warn')).toEqual([]);
  });

  it('on the in-memory default with resume, such a result completes with one warning per task, not one per run', async () => {
    class Point { constructor(public x: number) {} }
    const log = new RecordingLog('warn');
    const flow = newFlow({ config: quietConfig({ log }), workflowId: 'mem' });
    flow.task.add({ step: action(function point() { return new Point(1); }) });
    for (let i = 0; i < 3; i++) expect((await flow.start({ resume: true })).tasks[0]?.status).toBe('Completed');
    expect(log.messages('warn')).toHaveLength(1);
    expect(log.messages('warn')[0]).toContain('task "point" of workflow \'mem\' got no checkpoint (a resumed run runs it again): UnserializableValueError');
  });

  it('clearing a workflow also removes temporary files a crashed writer left', async () => {
    const path = tmp();
    const storage = new FileStorage({ path });
    await storage.set(storage.key('wf', 'a'), 1);
    writeFileSync(`${storage.fileOf(storage.key('wf', 'a'))}.4242.1.tmp`, '{"half');
    expect(await storage.keys(storage.prefix('wf'))).toEqual([storage.key('wf', 'a')]);
    expect(await storage.deletePrefix(storage.prefix('wf'))).toBe(1);
    expect(readdirSync(join(path, 'wf'))).toEqual([]);
  });

  it('keeps any workflow id inside its folder', async () => {
    const path = tmp();
    const flow = newFlow({ config: quietConfig({ storage: new FileStorage({ path }) }), workflowId: '../../etc/passwd' });
    flow.task.add({ step: action(function t() { return 1; }) });
    await flow.start();
    expect(readdirSync(path)).toEqual(['%2E%2E%2F%2E%2E%2Fetc%2Fpasswd']);
    expect(readdirSync(join(path, '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd'))).toEqual(['t.json']);
  });

  it('a corrupt checkpoint rejects a resumed start() before any step runs, naming the file', async () => {
    const path = tmp();
    const storage = new FileStorage({ path });
    const calls: Record<string, number> = {};
    await pipeline(storage, { b: false }, calls).start();
    const file = storage.fileOf(storage.key('wf', 'b'));
    writeFileSync(file, '{"status": "Compl');
    const flow = pipeline(storage, { b: false }, calls);
    const events = record(flow);
    await expect(flow.start({ resume: true })).rejects.toThrow(CorruptCheckpointError);
    await expect(flow.start({ resume: true })).rejects.toThrow(`The checkpoint at ${file} is unreadable or corrupt.`);
    expect(events).toEqual([]);
    expect(calls).toEqual({ a: 1, b: 1, c: 1 });
    writeFileSync(file, JSON.stringify({ format: 1, status: 'Completed', taskId: 'other', time: 'x', storage: 1 }));
    await expect(flow.start({ resume: true })).rejects.toThrow(CorruptCheckpointError);
  });

  it('lets one resumer at a time claim a workflow; a dead holder\'s lock is taken over', async () => {
    const path = tmp();
    const storage = new FileStorage({ path });
    const release = await storage.claim('wf');
    const calls: Record<string, number> = {};
    await expect(pipeline(storage, { b: false }, calls).start({ resume: true })).rejects.toThrow(WorkflowLockedError);
    expect(calls).toEqual({});
    await release();
    await expect(pipeline(storage, { b: false }, calls).start({ resume: true })).resolves.toMatchObject({ status: 'Completed' });
    writeFileSync(join(path, 'wf', '.lock'), `${hostname()}:999999999`);
    await expect(pipeline(storage, { b: false }, calls).start({ resume: true })).resolves.toMatchObject({ status: 'Completed' });
  });
});
