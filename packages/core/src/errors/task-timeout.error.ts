import { DotflowError } from './dotflow.error';

/** An attempt of a step ran longer than its `timeout`. The attempt's `signal` is aborted with it. */
export class TaskTimeoutError extends DotflowError {
  public constructor(public readonly taskName: string, public readonly timeout: number) {
    super(`step "${taskName}" timed out after ${timeout} ms`);
  }
}
