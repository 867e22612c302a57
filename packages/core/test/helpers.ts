import {
  Config,
  ConsoleLog,
  type ConfigOptions,
  type DotflowEvent,
  type Log,
  type LogRecord,
  type Runnable,
} from '@dotflow/core';

/** A log that keeps its records, for asserting what Dotflow reported. */
export class RecordingLog implements Log {
  public readonly records: LogRecord[] = [];
  public constructor(public readonly level: Log['level'] = 'debug') {}
  public write(record: LogRecord): void {
    this.records.push(record);
  }
  public messages(level?: LogRecord['level']): string[] {
    return this.records.filter((r) => level === undefined || r.level === level).map((r) => r.message);
  }
}

/** A config that logs nothing unless a log is given. */
export function quietConfig(options: ConfigOptions = {}): Config {
  return new Config({ log: new ConsoleLog({ level: 'silent' }), ...options });
}

/** Collects every event of a workflow's runs. */
export function record(flow: Runnable): DotflowEvent[] {
  const events: DotflowEvent[] = [];
  flow.events$.subscribe((e) => events.push(e));
  return events;
}

/** `type:name:status` of each event, for compact order assertions. */
export function trail(events: readonly DotflowEvent[]): string[] {
  return events.map((e) =>
    e.type === 'task' ? `${e.taskId}:${e.status}` : e.type === 'workflow' ? `workflow:${e.status}` : `error:${e.source}`,
  );
}
