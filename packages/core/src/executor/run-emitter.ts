import type { DotflowEvent } from '../events/dotflow-event';
import { isThenable } from '../internal/is-thenable';
import type { ErrorReporter } from '../providers/error-reporter';
import { toTaskError } from '../task/task';
import type { TaskRecord } from './task-record';

/** Something that receives every event of a run. */
export type EventListener = (event: DotflowEvent) => void;

/** Who a run reports to, and how. */
export interface EmitterSpec {
  readonly workflowId: string;
  readonly runId: string;
  readonly name: string;
  readonly listeners: readonly EventListener[];
  readonly report: ErrorReporter;
}

/**
 * A run's voice: hands each event to every listener (a throwing listener is reported, never
 * rethrown), and calls the user's callbacks so that a throw becomes an `error` event and a
 * rejection a log line.
 */
export class RunEmitter {
  public constructor(private readonly spec: EmitterSpec) {}

  /** Hands `event` to every listener, in order. */
  public emit(event: DotflowEvent): void {
    const listeners = this.spec.listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        (listeners[i] as EventListener)(event);
      } catch (error) {
        this.spec.report('an events subscriber threw', error);
      }
    }
  }

  /** Calls a user callback: a throw becomes an `error` event and a log line; a rejection a log line. */
  public callUser(source: 'callback' | 'onSuccess' | 'onFailure', task: TaskRecord | undefined, at: () => Date, call: () => unknown): void {
    const what = task === undefined ? source : `callback of task "${task.taskId}"`;
    try {
      const r = call();
      if (isThenable(r)) r.then(undefined, (e: unknown) => this.spec.report(`${what} threw`, e));
    } catch (error) {
      // Logged by the log listener as an `error` event.
      this.emit({
        type: 'error',
        workflowId: this.spec.workflowId,
        runId: this.spec.runId,
        name: task === undefined ? this.spec.name : task.name,
        source,
        ...(task === undefined ? {} : { taskId: task.taskId }),
        error: toTaskError(error, 0),
        at: at(),
      });
    }
  }
}
