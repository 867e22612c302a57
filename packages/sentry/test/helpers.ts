import 'reflect-metadata';
import { container } from 'tsyringe';
import { Config, ConsoleLog, DotFlow, action, type Log, type LogRecord, type Step, type StepContext } from '@dotflow/core';
import { SentryNotify, type SentryNotifyOptions } from '@dotflow/sentry';

/** A step's own error class, so the exception type is the step's, not `Error`. */
export class ValidationError extends Error {
  public override readonly name = 'ValidationError';
}

/** A log that keeps every record, to check what Dotflow wrote. */
export class RecordingLog implements Log {
  public readonly level = 'debug';
  public readonly records: LogRecord[] = [];
  public write(record: LogRecord): void {
    this.records.push(record);
  }
  /** Every record as text: its message and its error's name, message and stack. */
  public text(): string {
    return this.records
      .map((r) => {
        const e = r.error instanceof Error ? `${r.error.name} ${r.error.message} ${r.error.stack ?? ''}` : String(r.error);
        return `${r.level} ${r.message} ${e}`;
      })
      .join('\n');
  }
}

/** A step that completes. */
export const extract = action({ name: 'extract' }, () => ({ rows: 3 }));

/** A step that throws a ValidationError on each of `attempts` attempts (`failUntil` attempts fail, then it completes). */
export function loader(attempts: number, failUntil = attempts) {
  return action({ name: 'load', retry: attempts, retryDelay: 0 }, ({ task }: StepContext) => {
    if (task.attempt <= failUntil) throw new ValidationError(`bad row in ${task.workflowId} (attempt ${task.attempt})`);
    return 'loaded';
  });
}

/** What a test owns, closed after it: configs, then whatever else it pushed. */
export const cleanups: (() => Promise<unknown>)[] = [];

export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** A SentryNotify on `dsn`, its quiet Config (closed after the test), and a flow factory. */
export function setup(options: SentryNotifyOptions, log: Log = new ConsoleLog({ level: 'silent' })) {
  const notify = new SentryNotify(options);
  const config = new Config({ notify, log });
  cleanups.push(() => config.close());
  const flow = (workflowId = 'etl-1', name = 'etl') => new DotFlow({ config, workflowId, name, container: container.createChildContainer() });
  /** Runs `steps` once as a new flow (`workflowId`, name `etl`). */
  const run = (steps: Step | Step[], workflowId?: string) => {
    const workflow = flow(workflowId);
    workflow.task.add({ step: steps });
    return workflow.start();
  };
  return { notify, config, flow, run };
}
