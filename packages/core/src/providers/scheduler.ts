/** Something a scheduler can run: one fresh run per call. */
export type ScheduledRun = () => Promise<unknown>;

/**
 * Triggers runs of a workflow (e.g. on a cron expression). `workflow.schedule()` hands it the run.
 */
export interface Scheduler {
  start(run: ScheduledRun): void | Promise<void>;
  stop(): Promise<void>;
}
