import { DotflowError } from './dotflow.error';

/** The reason a step's `signal` is aborted when its run is cancelled. */
export class TaskCancelledError extends DotflowError {
  public constructor(public readonly taskName: string, public readonly workflowId: string) {
    super(`step "${taskName}" was cancelled because workflow '${workflowId}' was cancelled`);
  }
}
