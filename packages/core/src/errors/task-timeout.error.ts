import { DotflowError } from './dotflow.error';

/**
 * An attempt of a step ran longer than its `timeout`. The attempt's `signal` is aborted with it.
 *
 * @example
 * ```ts
 * const result = await flow.start();
 * const timedOut = result.tasks.filter((t) => t.errors.some((e) => e.exception === 'TaskTimeoutError'));
 * ```
 */
export class TaskTimeoutError extends DotflowError {
  /**
   * @param taskName - The task whose attempt timed out.
   * @param timeout - Its `timeout`, in ms.
   */
  public constructor(public readonly taskName: string, public readonly timeout: number) {
    super(`step "${taskName}" timed out after ${timeout} ms`);
  }
}
