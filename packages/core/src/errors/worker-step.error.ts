import { DotflowError } from './dotflow.error';

/**
 * A step with `isolate: 'worker'` could not be run in its worker: the worker did not find the
 * step after loading its module, could not load an ES module, or ended before the step returned.
 * Recorded in `task.errors` of the attempt.
 *
 * @example
 * ```ts
 * const result = await flow.start();
 * result.tasks[0]?.errors[0]?.exception; // 'WorkerStepError' when the worker ended before the step returned
 * ```
 */
export class WorkerStepError extends DotflowError {
  /**
   * @param taskName - The task whose step runs in a worker.
   * @param problem - What went wrong.
   * @param fix - How to fix it.
   */
  public constructor(public readonly taskName: string, problem: string, fix: string) {
    super(`step "${taskName}" (isolate: 'worker'): ${problem}; ${fix}`);
  }
}
