import type { Executor, RunJob, StartedRun } from './executor';

/**
 * The default executor: runs each run in this process, on the event loop of the caller.
 *
 * @example
 * ```ts
 * new Config({ executor: new InProcessExecutor() }); // the default
 * ```
 */
export class InProcessExecutor implements Executor {
  public submit(job: RunJob): Promise<StartedRun> {
    return job.runHere();
  }
}
