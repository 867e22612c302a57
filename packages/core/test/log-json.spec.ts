import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConsoleLog,
  TaskStatus,
  action,
  describeEvent,
  type ConsoleLogOptions,
  type DotFlow,
  type DotflowEvent,
  type Scheduler,
  type ScheduleTarget,
} from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { newFlow, quietConfig, record, tempDir } from './helpers';
import { capture, fileLines } from './log-helpers';

const T0 = Date.UTC(2026, 11, 1, 10);
const TIME = new Date(T0).toISOString();

/** A log writing JSON to a console and to a file in a new folder, on virtual time. */
function jsonLog(options: ConsoleLogOptions = {}) {
  const path = join(tempDir('dotflow-log-json-'), 'flow.log');
  const out = capture();
  const log = new ConsoleLog({ level: 'debug', format: 'json', output: 'both', path, console: out, ...options });
  const clock = new VirtualClock(T0);
  return { path, out, log, clock, config: quietConfig({ log, clock }) };
}

/** extract (whose callback throws) → flaky (fails once) → load (fails every attempt): every kind of task event. */
function etl(flow: DotFlow): void {
  let failures = 1;
  flow.task.add({ step: action(function extract() { return { rows: 3, password: 'hunter2' }; }), callback: () => { throw new Error('callback boom'); } });
  flow.task.add({
    step: action({ retry: 2, retryDelay: 0 }, function flaky() {
      if (failures-- > 0) throw new RangeError('busy');
      return 'ok';
    }),
  });
  flow.task.add({ step: action({ retry: 1 }, function load(): never { throw new TypeError('no db'); }) });
}

async function runAll(flow: DotFlow, clock: VirtualClock) {
  const done = flow.start();
  await clock.runAll();
  return done;
}

const stackOf = (text: string): unknown => expect.stringContaining(text);

describe('JSON log lines', () => {
  it('one line per event with its fields and level, the time on Config.clock; no results, no message on file lines about events', async () => {
    const { path, out, clock, config } = jsonLog();
    const flow = newFlow({ workflowId: 'etl', config });
    etl(flow);
    const events = record(flow);
    const result = await runAll(flow, clock);
    await config.close();

    const run = { workflowId: 'etl', runId: result.runId };
    const task = (taskId: string, status: TaskStatus, attempt: number, more: object = {}) => ({ time: TIME, type: 'task', ...run, taskId, name: taskId, status, attempt, ...more });
    const error = (exception: string, message: string) => ({ error: { exception, message, stack: stackOf(message) } });
    const expected = [
      { time: TIME, level: 'info', type: 'workflow', ...run, name: flow.name, status: 'In progress' },
      { level: 'info', ...task('extract', TaskStatus.InProgress, 1) },
      { level: 'info', ...task('extract', TaskStatus.Completed, 1, { duration: 0 }) },
      { time: TIME, level: 'error', type: 'error', ...run, taskId: 'extract', name: 'extract', source: 'callback', ...error('Error', 'callback boom') },
      { level: 'info', ...task('flaky', TaskStatus.InProgress, 1) },
      { level: 'warn', ...task('flaky', TaskStatus.Retry, 1, error('RangeError', 'busy')) },
      { level: 'info', ...task('flaky', TaskStatus.Completed, 2, { duration: 0 }) },
      { level: 'info', ...task('load', TaskStatus.InProgress, 1) },
      { level: 'error', ...task('load', TaskStatus.Failed, 1, { duration: 0, ...error('TypeError', 'no db') }) },
      { time: TIME, level: 'error', type: 'workflow', ...run, name: flow.name, status: 'Failed', duration: 0 },
    ];
    expect(fileLines(path)).toEqual(expected);
    // the console's JSON lines also carry the message, and go to the method of their level
    expect(out.lines.map(([method, line]) => [method, JSON.parse(line) as unknown])).toEqual(
      expected.map((line, i) => [line.level, { ...line, message: describeEvent(events[i] as DotflowEvent), ...('error' in line ? { error: line.error } : {}) }]),
    );
    expect(readFileSync(path, 'utf8')).not.toContain('hunter2');
    expect(out.lines.some(([, line]) => line.includes('hunter2'))).toBe(false);
  });

  it('with includeResults, Completed and Skipped lines carry the result; a result JSON cannot write is a note', async () => {
    const { path, clock, config } = jsonLog({ includeResults: true, output: 'file' });
    const flow = newFlow({ workflowId: 'results', config });
    flow.task.add({ step: action(function plain() { return { rows: [1, 2] }; }) });
    flow.task.add({ step: action(function big() { return { id: 10n }; }) });
    flow.task.add({ step: action(function circular() { const o: Record<string, unknown> = {}; o.self = o; return o; }) });
    await runAll(flow, clock);
    const resumed = flow.start({ resume: true }); // from the checkpoints: every task Skipped
    await clock.runAll();
    await resumed;
    await config.close();
    const storages = fileLines(path).filter((l) => 'storage' in l).map((l) => [l.taskId, l.status, l.storage]);
    const note = { unserializable: expect.stringMatching(/BigInt/) as unknown };
    expect(storages.slice(0, 3)).toEqual([['plain', 'Completed', { rows: [1, 2] }], ['big', 'Completed', note], ['circular', 'Completed', { unserializable: expect.stringMatching(/circular/i) as unknown }]]);
    expect(storages[3]).toEqual(['plain', 'Skipped', { rows: [1, 2] }]);
    // no checkpoint can hold the cycle: the resumed run runs that task again
    expect(storages.map((s) => s[1])).toEqual(['Completed', 'Completed', 'Completed', 'Skipped', 'Skipped', 'Completed']);
  });

  it('schedule events carry action and scheduledAt (and the run they started); dropped triggers warn', async () => {
    let target: ScheduleTarget | undefined;
    const scheduler: Scheduler = { start: (t) => { target = t; return { workflowId: t.workflowId, nextRun: () => undefined, stop: async () => undefined }; }, stop: async () => undefined };
    const path = join(tempDir('dotflow-log-schedule-'), 'flow.log');
    const log = new ConsoleLog({ level: 'info', output: 'file', path });
    const clock = new VirtualClock(T0);
    const flow = newFlow({ workflowId: 'nightly', config: quietConfig({ log, clock, scheduler }) });
    flow.task.add({ step: action(function tick() { return 1; }) });
    await flow.schedule();
    const due = new Date(Date.UTC(2026, 11, 1, 3));
    target?.report('skipped', due);
    target?.report('dropped', due);
    const result = await target?.trigger(due);
    log.close();
    const schedule = fileLines(path).filter((l) => l.type === 'schedule');
    const line = { time: TIME, type: 'schedule', workflowId: 'nightly', name: flow.name, scheduledAt: due.toISOString() };
    expect(schedule).toEqual([
      { level: 'info', ...line, action: 'skipped' },
      { level: 'warn', ...line, action: 'dropped' },
      { level: 'info', ...line, runId: result?.runId, action: 'triggered' },
    ]);
  });

  it('a caught error is a line with its message and error, and no event fields', async () => {
    const { path, clock, config } = jsonLog({ output: 'file', level: 'error' });
    const flow = newFlow({ workflowId: 'sub', config });
    flow.task.add({ step: action(function only() { return 1; }) });
    flow.events$.subscribe(() => { throw new SyntaxError('subscriber bug'); });
    await runAll(flow, clock);
    await config.close();
    const lines = fileLines(path);
    expect(lines).toHaveLength(4); // one per event, none of the events themselves (all info)
    expect(lines[0]).toEqual({
      time: TIME,
      level: 'error',
      message: 'an events$ subscriber threw: SyntaxError: subscriber bug',
      error: { exception: 'SyntaxError', message: 'subscriber bug', stack: stackOf('subscriber bug') },
    });
  });

  it('a cancelled run logs at info: nothing at the default level', async () => {
    const { path, out, config } = jsonLog({ level: 'warn' });
    const flow = newFlow({ workflowId: 'cancelled', config });
    flow.task.add({ step: [action(function a() { return 1; }), action(function b() { return 2; })] });
    const result = await flow.start({ signal: AbortSignal.abort() });
    await config.close();
    expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Cancelled, TaskStatus.Cancelled]);
    expect(out.lines).toEqual([]);
    expect(() => readFileSync(path)).toThrow(/ENOENT/); // nothing to write: the file was never made
  });
});

describe('text log lines', () => {
  it.each(['text', 'simple'] as const)("format '%s': <time> - <LEVEL> [dotflow]: <message>; a failure's stack follows it, a retry's does not", async (format) => {
    const out = capture();
    const clock = new VirtualClock(T0);
    const flow = newFlow({ workflowId: 'etl', config: quietConfig({ log: new ConsoleLog({ level: 'warn', format, console: out }), clock }) });
    etl(flow);
    const events = record(flow);
    await runAll(flow, clock);
    const shown = events.filter((e) => e.type === 'error' || (e.type === 'task' && e.status !== TaskStatus.InProgress && e.status !== TaskStatus.Completed) || e.status === 'Failed');
    expect(out.lines.map(([method, line]) => [method, line.split('\n')[0]])).toEqual(
      shown.map((e) => [e.type === 'task' && e.status === TaskStatus.Retry ? 'warn' : 'error', `${TIME} - ${e.type === 'task' && e.status === TaskStatus.Retry ? 'WARN' : 'ERROR'} [dotflow]: ${describeEvent(e)}`]),
    );
    const [callback, retry, failed] = out.lines.map(([, line]) => line);
    expect(callback).toMatch(/\nError: callback boom\n\s+at /);
    expect(retry).not.toContain('\n');
    expect(failed).toMatch(/\nTypeError: no db\n\s+at /);
  });
});
