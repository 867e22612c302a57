import type { ScheduledRun, Scheduler } from '../scheduler';

/**
 * The default scheduler: runs only when told to. `trigger()` starts one run of every workflow
 * handed to it; useful in tests and for "run now" buttons.
 *
 * @example
 * ```ts
 * const scheduler = new ManualScheduler();
 * await flow.schedule(); // with config.scheduler = scheduler
 * await scheduler.trigger();
 * ```
 */
export class ManualScheduler implements Scheduler {
  private readonly runs = new Set<ScheduledRun>();

  public start(run: ScheduledRun): void {
    this.runs.add(run);
  }

  public stop(): Promise<void> {
    this.runs.clear();
    return Promise.resolve();
  }

  /** Starts one run of each scheduled workflow and resolves when they all end. */
  public async trigger(): Promise<unknown[]> {
    return Promise.all([...this.runs].map((run) => run()));
  }
}
