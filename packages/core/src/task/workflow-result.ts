import type { WorkflowStatus } from '../status/workflow-status';
import type { Task } from './task';

/**
 * What `start()` resolves with: the run's status, its tasks and how long it took.
 *
 * @example
 * ```ts
 * const { status, tasks, duration } = await flow.start();
 * ```
 */
export interface WorkflowResult {
  /** The workflow's id. */
  readonly workflowId: string;
  /** This run's id (UUID v7: sortable by start time). */
  readonly runId: string;
  /** The workflow's name. */
  readonly name: string;
  /** `Failed` when any task failed, with or without `keepGoing`. */
  readonly status: WorkflowStatus;
  /** Every task of the run, in plan order, with its final status. */
  readonly tasks: readonly Task[];
  /** Wall time of the run in ms. */
  readonly duration: number;
}

/**
 * The handle `start({ mode: 'background' })` resolves with while the run goes on.
 *
 * @example
 * ```ts
 * const run = await flow.start({ mode: 'background' });
 * const result = await run.done; // never rejects
 * ```
 */
export interface BackgroundRun {
  /** The workflow's id. */
  readonly workflowId: string;
  /** The run's id, as on its events and result. */
  readonly runId: string;
  /** Resolves with the result when the run ends; never rejects. */
  readonly done: Promise<WorkflowResult>;
  /** Cancels the run: running steps see their signal abort, unfinished tasks end `Cancelled`. */
  cancel(): void;
}
