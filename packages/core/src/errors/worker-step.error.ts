import { DotflowError } from './dotflow.error';

/**
 * A step with `isolate: 'worker'` could not be run in its worker: the worker did not find the
 * step after loading its module, could not load an ES module, or ended before the step returned.
 * Recorded in `task.errors` of the attempt.
 */
export class WorkerStepError extends DotflowError {
  public constructor(public readonly taskName: string, problem: string, fix: string) {
    super(`step "${taskName}" (isolate: 'worker'): ${problem}; ${fix}`);
  }
}
