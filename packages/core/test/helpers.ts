import { join } from 'node:path';
import { filter, firstValueFrom } from 'rxjs';
import { container } from 'tsyringe';
import {
  Config,
  ConsoleLog,
  DotFlow,
  TaskStatus,
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
    e.type === 'task' ? `${e.taskId}:${e.status}` : e.type === 'workflow' ? `workflow:${e.status}` : `error:${e.source}`,
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

/** Resolves after `ms`, or rejects with the signal's reason when it aborts: the body of a step that honours its signal. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason as Error); }, { once: true });
  });
}

/** A fixture (a TypeScript file in `test/fixtures`) as a command for `spawn` / `spawnSync`. */
export interface FixtureCommand {
  readonly command: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * How to run `test/fixtures/<name>` in a process of its own (through ts-node, no build needed),
 * with `args` after the script and `env` over this process's environment.
 */
export function fixtureCommand(name: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): FixtureCommand {
  return {
    command: process.execPath,
    args: ['-r', 'ts-node/register/transpile-only', join(__dirname, 'fixtures', name), ...args],
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', '..', 'tsconfig.test.json'), ...env },
  };
}
