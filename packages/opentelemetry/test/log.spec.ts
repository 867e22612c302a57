import 'reflect-metadata';
import { logs, type SeverityNumber } from '@opentelemetry/api-logs';
import { BatchLogRecordProcessor, InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { TaskStatus, action, describeEvent, type Config, type DotflowEvent, type StepContext } from '@dotflow/core';
import { InvalidOpenTelemetryOptionsError, OpenTelemetryLog } from '@dotflow/opentelemetry';
import { ms, newFlow, quietConfig } from './harness';

let exporter: InMemoryLogRecordExporter;
let provider: LoggerProvider;
let config: Config | undefined;
beforeEach(() => {
  exporter = new InMemoryLogRecordExporter();
  provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
});
afterEach(async () => {
  await config?.close();
  config = undefined;
  await provider.shutdown();
});

const records = (): ReadableLogRecord[] => exporter.getFinishedLogRecords();
/** An attribute as text, for compact assertions. */
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Runs a 2-task workflow (the second fails once, then for good) and returns its events. */
async function failingRun(log: OpenTelemetryLog): Promise<DotflowEvent[]> {
  config = quietConfig({ observers: [log] });
  const flow = newFlow({ workflowId: 'logged', name: 'logged-flow', config });
  const secret = action({ name: 'secret' }, () => ({ password: 'hunter2' }));
  const broken = action({ name: 'broken', retry: 2, retryDelay: 1 }, ({ task }: StepContext) => {
    throw new Error(`attempt ${task.attempt} failed`);
  });
  flow.task.add({ step: [secret, broken] });
  const events: DotflowEvent[] = [];
  flow.events$.subscribe((e) => events.push(e));
  await flow.start();
  await config.flush();
  return events;
}

describe('OpenTelemetryLog', () => {
  it('emits one record per event: its line as the body, its time, the JSON log fields as attributes, severity by status', async () => {
    const events = await failingRun(new OpenTelemetryLog({ loggerProvider: provider }));
    const got = records();
    expect(got).toHaveLength(events.length);
    expect(got.map((r) => r.body)).toEqual(events.map(describeEvent));
    expect(got.map((r) => r.severityText)).toEqual(['INFO', 'INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'ERROR']);
    expect(got.map((r) => r.severityNumber)).toEqual([9, 9, 9, 9, 13, 17, 17].map((n) => n as SeverityNumber));
    expect(got.map((r) => ms(r.hrTime))).toEqual(events.map((e) => e.at.getTime()));
    expect(got[0]?.instrumentationScope.name).toBe('@dotflow/opentelemetry');

    const runId = events[0]?.type === 'workflow' ? events[0].runId : '';
    expect(got[0]?.attributes).toEqual({ time: events[0]?.at.toISOString(), type: 'workflow', workflowId: 'logged', runId, name: 'logged-flow', status: 'In progress' });
    const failed = events[5];
    if (failed?.type !== 'task') throw new Error('expected the Failed task event');
    expect(got[5]?.attributes).toEqual({
      time: failed.at.toISOString(),
      type: 'task',
      workflowId: 'logged',
      runId,
      taskId: 'broken',
      name: 'broken',
      status: TaskStatus.Failed,
      attempt: 2,
      duration: failed.duration,
      error: { exception: 'Error', message: 'attempt 2 failed', stack: failed.error?.stack },
    });
    expect(got[4]?.attributes).toMatchObject({ attempt: 1, error: { message: 'attempt 1 failed' } });
    // the workflow's final record carries its duration
    expect(typeof got[6]?.attributes['duration']).toBe('number');
    // never a step's result
    expect(JSON.stringify(got.map((r) => [r.body, r.attributes]))).not.toContain('hunter2');
    // not tied to whatever span happened to be active when the event was delivered
    expect(got.every((r) => r.spanContext === undefined)).toBe(true);
  });

  it('emits only records at or above its level', async () => {
    await failingRun(new OpenTelemetryLog({ loggerProvider: provider, level: 'warn' }));
    expect(records().map((r) => `${r.severityText} ${text(r.attributes['status'])}`)).toEqual(['WARN Retry', 'ERROR Failed', 'ERROR Failed']);
  });

  it('level "silent" emits nothing; an unknown level is refused', async () => {
    await failingRun(new OpenTelemetryLog({ loggerProvider: provider, level: 'silent' }));
    expect(records()).toEqual([]);
    expect(() => new OpenTelemetryLog({ level: 'loud' as never })).toThrow(InvalidOpenTelemetryOptionsError);
    expect(() => new OpenTelemetryLog({ level: 'loud' as never })).toThrow(`"level" must be one of 'debug', 'info', 'warn', 'error', 'silent', got "loud"`);
  });

  it('logs cancelled tasks and runs at info (asked for, not a fault, as the reference\'s levels), and a throwing callback at error', async () => {
    config = quietConfig({ observers: [new OpenTelemetryLog({ loggerProvider: provider })] });
    const controller = new AbortController();
    const flow = newFlow({ workflowId: 'cancel', config });
    flow.task.add({ step: action({ name: 'abort' }, () => controller.abort()), callback: () => { throw new Error('callback broke'); } });
    flow.task.add({ step: action({ name: 'never' }, () => 'never') });
    await flow.start({ signal: controller.signal });
    await config.flush();
    const lines = records().map((r) => `${r.severityText} ${text(r.attributes['type'])} ${text(r.attributes['status'] ?? r.attributes['source'])}`);
    expect(lines).toEqual([
      'INFO workflow In progress',
      'INFO task In progress',
      'INFO task Completed',
      'ERROR error callback',
      'INFO task Cancelled',
      'INFO workflow Cancelled',
    ]);
    expect(records()[3]?.attributes).toMatchObject({ source: 'callback', taskId: 'abort', error: { message: 'callback broke' } });
  });

  it('uses the global logger provider by default (never sets one), and flush() reaches it behind the API\'s proxy', async () => {
    const log = new OpenTelemetryLog();
    // batched, on an hour's delay: only a forceFlush() exports
    const batched = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter, scheduledDelayMillis: 3_600_000 })] });
    expect(logs.setGlobalLoggerProvider(batched)).toBe(batched);
    try {
      config = quietConfig({ observers: [log] });
      const flow = newFlow({ workflowId: 'global', config });
      flow.task.add({ step: action({ name: 'one' }, () => 1) });
      await flow.start();
      await config.flush();
      expect(records()).toHaveLength(4);
    } finally {
      logs.disable();
      await batched.shutdown();
    }
  });
});
