import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Config,
  ConsoleLog,
  DotflowError,
  InvalidLogOptionsError,
  LOG_LEVELS,
  LOG_LEVEL_ENV,
  TaskStatus,
  WorkflowStatus,
  action,
  type ConsoleLogOptions,
  type LogRecord,
} from '@dotflow/core';
import { RecordingLog, newFlow, quietConfig, tempDir } from './helpers';

const saved = process.env[LOG_LEVEL_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[LOG_LEVEL_ENV];
  else process.env[LOG_LEVEL_ENV] = saved;
});

/** The level a new ConsoleLog (and a new Config's default log) takes with DOTFLOW_LOG_LEVEL set to `value`. */
function levelWith(value: string | undefined): string {
  if (value === undefined) delete process.env[LOG_LEVEL_ENV];
  else process.env[LOG_LEVEL_ENV] = value;
  expect(new Config().log.level).toBe(new ConsoleLog().level);
  return new ConsoleLog().level;
}

describe('DOTFLOW_LOG_LEVEL', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'warn'],
    ['', 'warn'],
    ['  ', 'warn'],
    ['info', 'info'],
    ['DEBUG', 'debug'],
    [' Error ', 'error'],
    ['WARNING', 'warn'],
    ['silent', 'silent'],
  ])('%j gives the level %s', (value, level) => {
    expect(levelWith(value)).toBe(level);
  });

  it('a value that is no level throws InvalidLogOptionsError naming the variable, the value and the levels, from new Config() too', () => {
    process.env[LOG_LEVEL_ENV] = 'verbose';
    const message = `The environment variable DOTFLOW_LOG_LEVEL must be one of 'debug', 'info', 'warn', 'error', 'silent' (in any case; 'warning' is another name of 'warn'), got "verbose". Set it to one of those, unset it (the level is then 'warn'), or pass ConsoleLog({ level }).`;
    expect(() => new ConsoleLog()).toThrow(InvalidLogOptionsError);
    expect(() => new ConsoleLog()).toThrow(message);
    expect(() => new Config()).toThrow(message);
    try {
      new ConsoleLog();
    } catch (e) {
      expect(DotflowError.is(e)).toBe(true);
      expect(e).toMatchObject({ name: 'InvalidLogOptionsError', option: 'DOTFLOW_LOG_LEVEL', value: 'verbose' });
    }
  });

  it('an explicit level wins, and the variable is then not read', () => {
    process.env[LOG_LEVEL_ENV] = 'verbose';
    expect(new ConsoleLog({ level: 'error' }).level).toBe('error');
  });
});

describe('ConsoleLog options', () => {
  it.each<[ConsoleLogOptions, string]>([
    [{ level: 'loud' as never }, `new ConsoleLog(): "level" must be one of ${LOG_LEVELS.map((l) => `'${l}'`).join(', ')}, got "loud"`],
    [{ format: 'xml' as never }, `new ConsoleLog(): "format" must be one of 'text', 'json' ('simple' is another name of 'text'), got "xml"`],
    [{ output: 'syslog' as never }, `new ConsoleLog(): "output" must be one of 'console', 'file', 'both', got "syslog"`],
    [{ path: '' }, 'new ConsoleLog(): "path" must be a non-empty string (a file), got ""'],
    [{ path: 3 as never }, 'new ConsoleLog(): "path" must be a non-empty string (a file), got 3'],
    [{ includeResults: 'yes' as never }, 'new ConsoleLog(): "includeResults" must be true or false, got "yes"'],
    [{ flushMs: -1 }, 'new ConsoleLog(): "flushMs" must be a number of ms from 0 (each line written at once) to 2147483647, got -1'],
    [{ flushMs: Number.NaN }, 'new ConsoleLog(): "flushMs" must be a number of ms from 0 (each line written at once) to 2147483647, got NaN'],
  ])('%j is refused', (options, message) => {
    expect(() => new ConsoleLog(options)).toThrow(InvalidLogOptionsError);
    expect(() => new ConsoleLog(options)).toThrow(message);
  });

  it("the default: text, level 'warn', the console; 'simple' reads as 'text'", () => {
    delete process.env[LOG_LEVEL_ENV];
    expect(new ConsoleLog()).toMatchObject({ level: 'warn', format: 'text', output: 'console' });
    expect(new ConsoleLog({ format: 'simple' }).format).toBe('text');
  });
});

describe('levels', () => {
  it('Failed is error, Retry warn, every other status info (Cancelled too); a callback that threw error', async () => {
    const log = new RecordingLog('debug');
    const flow = newFlow({ workflowId: 'levels', config: quietConfig({ log }) });
    let failures = 1;
    flow.task.add({ step: action({ retry: 2, retryDelay: 0 }, function flaky() { if (failures-- > 0) throw new Error('busy'); return 1; }), callback: () => { throw new Error('cb'); } });
    flow.task.add({ step: action(function broken(): never { throw new Error('down'); }) });
    await flow.start();
    const cancelled = await flow.start({ signal: AbortSignal.abort() });
    expect(cancelled.status).toBe(WorkflowStatus.Cancelled);
    const levels = (r: LogRecord) => {
      const e = r.event;
      if (e === undefined) return `note:${r.level}`;
      return `${e.type === 'task' ? e.taskId : e.type}:${e.type === 'error' ? e.source : e.status}:${r.level}`;
    };
    expect(log.records.map(levels)).toEqual([
      'workflow:In progress:info', 'flaky:In progress:info', 'flaky:Retry:warn', 'flaky:Completed:info', 'error:callback:error',
      'broken:In progress:info', 'broken:Failed:error', 'workflow:Failed:error',
      'workflow:In progress:info', 'flaky:Cancelled:info', 'broken:Cancelled:info', 'workflow:Cancelled:info',
    ]);
    expect(log.records.filter((r) => r.event?.type === 'task' && r.event.status === TaskStatus.Failed).map((r) => r.message)).toEqual([
      expect.stringMatching(/^❌ levels broken: Failed \(attempt 1\) in [\d.]+ ms — Error: down$/) as unknown,
    ]);
  });

  it('a log whose level is off gets no record, and a file log below its level never makes its file', async () => {
    const quiet = new RecordingLog('error');
    const path = join(tempDir('dotflow-log-level-'), 'flow.log');
    const file = new ConsoleLog({ level: 'warn', output: 'file', path, flushMs: 0 });
    for (const log of [quiet, file]) {
      const flow = newFlow({ config: quietConfig({ log }) });
      flow.task.add({ step: action(function fine() { return 1; }) });
      expect((await flow.start()).status).toBe(WorkflowStatus.Completed);
      await flow.config.close();
    }
    expect(quiet.records).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });

  it("a file-only log gets records about events without their message (it writes the event's fields); other logs get it", async () => {
    const seen: string[] = [];
    class Spy extends ConsoleLog {
      public override write(record: LogRecord): void {
        seen.push(record.message);
        super.write(record);
      }
    }
    const dir = tempDir('dotflow-log-level-');
    for (const output of ['file', 'both'] as const) {
      const log = new Spy({ level: 'info', output, path: join(dir, `${output}.log`), console: { debug() {}, info() {}, warn() {}, error() {} } });
      const flow = newFlow({ workflowId: output, config: quietConfig({ log }) });
      flow.task.add({ step: action(function one() { return 1; }) });
      await flow.start();
      await flow.config.close();
    }
    expect(seen.slice(0, 4)).toEqual(['', '', '', '']);
    expect(seen.slice(4)).toEqual([expect.stringContaining('workflow'), expect.stringContaining('one'), expect.stringContaining('one'), expect.stringContaining('workflow')]);
  });
});
