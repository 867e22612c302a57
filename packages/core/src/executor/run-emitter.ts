import type { DotflowEvent } from '../events/dotflow-event';
import { isThenable } from '../internal/is-thenable';
import type { Clock } from '../providers/clock';
import type { TaskStatus } from '../status/task-status';
import type { WorkflowStatus } from '../status/workflow-status';
import { toTaskError, type TaskError } from '../task/task';
import type { ErrorReporter, EventListener } from './provider-listener';
import type { TaskRecord } from './task-record';

/** Who a run reports to, and how. */
export interface EmitterSpec {
  readonly workflowId: string;
  readonly name: string;
  readonly clock: Clock;
  readonly listeners: readonly EventListener[];
  readonly report: ErrorReporter;
}

/**
 * A run's voice: builds its events and hands them to every listener (a throwing listener is
 * reported, never rethrown), and calls the user's callbacks so that a throw becomes an `error`
 * event and a rejection a log line.
 */
export class RunEmitter {
  public constructor(private readonly spec: EmitterSpec) {}

  /** A task's status change. */
  public task(
    task: TaskRecord,
    status: TaskStatus,
    at: Date,
    duration: number | undefined,
    error: TaskError | undefined,
    storage: unknown,
  ): void {
    this.emit({
      type: 'task',
      workflowId: task.workflowId,
      taskId: task.taskId,
      name: task.name,
      group: task.group,
      status,
      attempt: task.attempt,
      at,
      duration,
      error,
      storage,
    });
  }

  /** The run's status change. */
  public workflow(status: WorkflowStatus, duration: number | undefined): void {
    this.emit({
      type: 'workflow',
      workflowId: this.spec.workflowId,
      name: this.spec.name,
      status,
      at: this.now(),
      duration,
    });
  }

  /** Calls a user callback: a throw becomes an `error` event and a log line; a rejection a log line. */
  public callUser(source: 'callback' | 'onSuccess' | 'onFailure', task: TaskRecord | undefined, call: () => unknown): void {
    const what = task === undefined ? source : `callback of task "${task.taskId}"`;
    try {
      const r = call();
      if (isThenable(r)) r.then(undefined, (e: unknown) => this.spec.report(`${what} threw`, e));
    } catch (error) {
      // Logged by the log listener as an `error` event.
      this.emit({
        type: 'error',
        workflowId: this.spec.workflowId,
        name: task === undefined ? this.spec.name : task.name,
        source,
        ...(task === undefined ? {} : { taskId: task.taskId }),
        error: toTaskError(error, 0),
        at: this.now(),
      });
    }
  }

  /** The clock's time as a Date. */
  public now(): Date {
    return new Date(this.spec.clock.now());
  }

  private emit(event: DotflowEvent): void {
    const listeners = this.spec.listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        (listeners[i] as EventListener)(event);
      } catch (error) {
        this.spec.report('an events subscriber threw', error);
      }
    }
  }
}
