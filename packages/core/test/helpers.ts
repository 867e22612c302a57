import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom } from 'rxjs';
import { container } from 'tsyringe';
import {
  Config,
  ConsoleLog,
  DotFlow,
  TaskStatus,
  systemClock,
  type Clock,
  type ConfigOptions,
  type DotFlowOptions,
  type DotflowEvent,
  type Log,
  type LogRecord,
  type Runnable,
  type TaskEvent,
  type WorkflowEvent,
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

/** A builder workflow with a quiet config (unless one is given) and a fresh child container. */
export function newFlow(options: DotFlowOptions = {}): DotFlow {
  return new DotFlow({ config: quietConfig(), container: container.createChildContainer(), ...options });
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
    e.type === 'task' ? `${e.taskId}:${e.status}` : e.type === 'workflow' ? `workflow:${e.status}` : e.type === 'error' ? `error:${e.source}` : `schedule:${e.action}`,
  );
}

/** The next event of task `taskId` with `status` on `flow.events$`; call it before the run starts. */
export function taskEvent(flow: Runnable, taskId: string, status: TaskStatus = TaskStatus.InProgress): Promise<TaskEvent> {
  return firstValueFrom(
    flow.events$.pipe(filter((e): e is TaskEvent => e.type === 'task' && e.taskId === taskId && e.status === status)),
  );
}

/** The next final event of a run of `flow` (any workflow status but `In progress`). */
export function runEnded(flow: Runnable): Promise<WorkflowEvent> {
  return firstValueFrom(
    flow.events$.pipe(filter((e): e is WorkflowEvent => e.type === 'workflow' && e.status !== 'In progress')),
  );
}

/**
 * Resolves after `ms` on `clock` (real time unless a `VirtualClock` is given), or rejects with the
 * signal's reason when it aborts, clearing its timer: the body of a step that honours its signal.
 */
export function sleep(ms: number, signal: AbortSignal, clock: Clock = systemClock): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = clock.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clock.clearTimeout(timer); reject(signal.reason as Error); }, { once: true });
  });
}

/** The folders {@link tempDir} made in this test file, removed after its last test. */
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new empty folder `<os.tmpdir()>/<prefix>XXXXXX`, removed with everything in it once the test
 * file's tests have run (an `afterAll` this module registers when a spec imports it).
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
