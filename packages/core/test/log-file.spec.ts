import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConsoleLog, DEFAULT_LOG_PATH, WorkflowStatus, action, type ConsoleLogOptions, type DotFlow, type Step } from '@dotflow/core';
import { startFixture } from './fixture-command';
import { newFlow, quietConfig, tempDir } from './helpers';
import { capture, fileLines } from './log-helpers';

/** A flow of `n` async steps (`s0`…) logging every event to `path`. */
function logged(path: string, workflowId: string, n = 2, options: ConsoleLogOptions = {}): { flow: DotFlow; log: ConsoleLog; out: ReturnType<typeof capture> } {
  const out = capture();
  const log = new ConsoleLog({ level: 'info', output: 'file', path, console: out, ...options });
  const flow = newFlow({ workflowId, config: quietConfig({ log }) });
  const steps: Step[] = [];
  for (let i = 0; i < n; i++) steps.push(action({ name: `s${i}` }, async () => { await Promise.resolve(); return i; }));
  flow.task.add({ step: steps });
  return { flow, log, out };
}

const eventsPerRun = (n: number): number => 2 * n + 2;

describe('the JSON log file', () => {
  it('is appended to across Config instances, after what it held, its folders created', async () => {
    const path = join(tempDir('dotflow-log-file-'), 'a', 'b', 'flow.log');
    const first = logged(path, 'first');
    await first.flow.start();
    await first.flow.config.close();
    const second = logged(path, 'second');
    await second.flow.start();
    await second.flow.config.close();
    const lines = fileLines(path);
    expect(lines.map((l) => l.workflowId)).toEqual([...Array<string>(6).fill('first'), ...Array<string>(6).fill('second')]);
    expect(lines.every((l) => l.level === 'info' && l.message === undefined)).toBe(true);
  });

  it('keeps what the file held before', async () => {
    const dir = tempDir('dotflow-log-file-');
    const path = join(dir, 'flow.log');
    writeFileSync(path, '{"earlier":true}\n');
    const { flow } = logged(path, 'later');
    await flow.start();
    await flow.config.close();
    expect(readFileSync(path, 'utf8').startsWith('{"earlier":true}\n{"time":')).toBe(true);
  });

  it(`is ${DEFAULT_LOG_PATH} under the current folder by default, and nothing is made before a line is written`, () => {
    const log = new ConsoleLog({ output: 'file' });
    expect(log.path).toBe(resolve('.output', 'flow.log'));
    log.close();
    expect(new ConsoleLog().output).toBe('console');
  });

  it('holds lines back until Config.flush() (or the timer, or close()), and writes them whole', async () => {
    const path = join(tempDir('dotflow-log-file-'), 'flow.log');
    const { flow, log } = logged(path, 'held', 3, { flushMs: 60_000 });
    await flow.start();
    expect(existsSync(path)).toBe(false);
    await flow.config.flush();
    expect(fileLines(path)).toHaveLength(eventsPerRun(3));
    await flow.start();
    log.close();
    expect(fileLines(path)).toHaveLength(2 * eventsPerRun(3));
    // closed, it opens the file again for a later line
    await flow.start();
    log.flush();
    expect(fileLines(path)).toHaveLength(3 * eventsPerRun(3));
    log.close();
  });

  it('writes what waits when its timer fires', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const path = join(tempDir('dotflow-log-file-'), 'flow.log');
      const { flow, log } = logged(path, 'timer', 1, { flushMs: 50 });
      await flow.start();
      expect(existsSync(path)).toBe(false);
      jest.advanceTimersByTime(50);
      expect(fileLines(path)).toHaveLength(eventsPerRun(1));
      expect(jest.getTimerCount()).toBe(0);
      log.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it("with output 'both': text lines of the console's level on the console, JSON lines in the file", async () => {
    const path = join(tempDir('dotflow-log-file-'), 'flow.log');
    const out = capture();
    const log = new ConsoleLog({ level: 'warn', output: 'both', path, console: out });
    const flow = newFlow({ workflowId: 'both', config: quietConfig({ log }) });
    let failures = 1;
    flow.task.add({ step: action({ retry: 2, retryDelay: 0 }, function flaky() { if (failures-- > 0) throw new Error('busy'); return 1; }) });
    await flow.start();
    await flow.config.close();
    expect(out.lines).toEqual([['warn', expect.stringMatching(/^\S+ - WARN \[dotflow\]: ❗ both flaky: Retry \(attempt 1\) — Error: busy$/) as unknown]]);
    expect(fileLines(path)).toEqual([expect.objectContaining({ level: 'warn', taskId: 'flaky', status: 'Retry', error: expect.objectContaining({ message: 'busy' }) as unknown })]);
  });

  it('a path that cannot be written never breaks a run, is reported once, and its lines are dropped', async () => {
    const dir = tempDir('dotflow-log-file-');
    writeFileSync(join(dir, 'blocker'), 'a file where the folder should be');
    const path = join(dir, 'blocker', 'flow.log');
    const { flow, out } = logged(path, 'blocked', 2, { flushMs: 0 });
    for (let i = 0; i < 2; i++) expect((await flow.start()).status).toBe(WorkflowStatus.Completed);
    await expect(flow.config.close()).resolves.toBeUndefined();
    expect(out.lines).toEqual([['error', `dotflow: cannot write the log file '${path}' (EEXIST: file already exists, mkdir '${join(dir, 'blocker')}'); its lines are dropped until it can be written, and this is reported once. Pass ConsoleLog({ path }) a file whose folder can be created and written, or output: 'console'.`]]);
  });

  it('a folder as the path: the same, reported once', async () => {
    const path = tempDir('dotflow-log-file-');
    mkdirSync(join(path, 'x'));
    const { flow, out } = logged(path, 'folder', 1);
    await flow.start();
    await flow.config.flush();
    await flow.start();
    await flow.config.close();
    expect(out.lines.map(([method, line]) => [method, line.match(/\((\w+):/)?.[1]])).toEqual([['error', 'EISDIR']]);
  });

  it('keeps lines whole with concurrent runs of two logs on one file', async () => {
    const path = join(tempDir('dotflow-log-file-'), 'flow.log');
    const a = logged(path, 'a', 20, { flushMs: 0 });
    const b = logged(path, 'b', 20, { flushMs: 1 });
    const runs = Array.from({ length: 8 }, (_, i) => [a.flow.start({ workflowId: `a${i}` }), b.flow.start({ workflowId: `b${i}` })]).flat();
    await Promise.all(runs);
    await Promise.all([a.flow.config.close(), b.flow.config.close()]);
    const lines = fileLines(path);
    expect(lines).toHaveLength(16 * eventsPerRun(20));
    for (let i = 0; i < 8; i++) {
      for (const side of ['a', 'b']) expect(lines.filter((l) => l.workflowId === `${side}${i}`)).toHaveLength(eventsPerRun(20));
    }
  });

  it.each(['return', 'exit'])('keeps lines whole across processes, and writes what it held when the process ends (%s)', async (end) => {
    const path = join(tempDir('dotflow-log-file-'), 'flow.log');
    // one child writes each line at once, the other holds its lines until it ends
    const children = [startFixture('log-exit.fixture.ts', [path, '6', '40', '0', end]), startFixture('log-exit.fixture.ts', [path, '6', '40', '60000', end])];
    const outputs = await Promise.all(children.map((child) => new Promise<string>((done) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.resume();
      child.once('close', (code) => done(`${code}: ${out.trim()}`));
    })));
    expect(outputs).toEqual(['0: 6 completed', '0: 6 completed']);
    const lines = fileLines(path);
    expect(lines).toHaveLength(12 * eventsPerRun(40));
    for (const child of children) expect(lines.filter((l) => l.workflowId?.startsWith(`p${child.pid}-`))).toHaveLength(6 * eventsPerRun(40));
  }, 60_000);
});
