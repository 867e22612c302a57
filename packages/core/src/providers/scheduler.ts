import type { ScheduleAction } from '../events/dotflow-event';
import type { WorkflowResult } from '../task/workflow-result';
import type { Clock } from './clock';

/** Options of one {@link ScheduleTarget.trigger}. */
export interface TriggerOptions {
  /** Run this tick under another workflow id (e.g. `<workflowId>@<scheduledAt ISO>` for overlapping runs). */
  readonly workflowId?: string;
  /** Aborting it cancels this tick's run (a bounded stop cancels what outlives its grace). */
  readonly signal?: AbortSignal;
}

/** What `workflow.schedule()` hands a {@link Scheduler}: the workflow's identity and a way to run it. */
export interface ScheduleTarget {
  /** The scheduled workflow's id. */
  readonly workflowId: string;
  /** The scheduled workflow's name. */
  readonly name: string;
  /** The workflow's clock (a scheduler on virtual time reads it). */
  readonly clock: Clock;
  /** True when the runs resume from checkpoints (`schedule({ resume: true })`). */
  readonly resume: boolean;
  /**
   * Starts one fresh run, due at `scheduledAt` (a `{ type: 'schedule', action: 'triggered' }`
   * event names its run), and resolves with its result; rejects only for misuse, e.g.
   * `WorkflowLockedError` when a run of the same id is still going on.
   */
  trigger(scheduledAt: Date, options?: TriggerOptions): Promise<WorkflowResult>;
  /** Reports a trigger the scheduler did not run now (`skipped`, `queued` or `dropped`), as an event. */
  report(action: Exclude<ScheduleAction, 'triggered'>, scheduledAt: Date): void;
}

/** Options of {@link ScheduleHandle.stop}. */
export interface StopOptions {
  /** How long runs still going on may take to finish before they are cancelled. @defaultValue 30_000 */
  readonly graceMs?: number;
}

/** A workflow on a schedule: what `schedule()` resolves with. */
export interface ScheduleHandle {
  /** The scheduled workflow's id. */
  readonly workflowId: string;
  /** When the next trigger is due; undefined when none is (stopped, or triggered by hand). */
  nextRun(): Date | undefined;
  /** No more triggers; resolves when the runs going on ended (cancelled after `graceMs`). */
  stop(options?: StopOptions): Promise<void>;
}

/**
 * Triggers runs of workflows (on a cron expression, by hand…). `workflow.schedule()` hands it a
 * {@link ScheduleTarget} and resolves with the handle it returns.
 */
export interface Scheduler {
  /** Starts triggering runs of `target`; returns (or resolves with) the handle `schedule()` resolves with. */
  start(target: ScheduleTarget): ScheduleHandle | Promise<ScheduleHandle>;
  /** Stops every schedule this scheduler runs. */
  stop(options?: StopOptions): Promise<void>;
}
