import { DotflowError } from './dotflow.error';

/**
 * The reason a step's `signal` is aborted when its run is cancelled.
 *
 * @example
 * ```ts
 * const step = action(async ({ signal }: StepContext) => {
 *   signal.addEventListener('abort', () => {
 *     if (signal.reason instanceof TaskCancelledError) console.log(`${signal.reason.taskName} cancelled`);
 *   });
 *   await work(signal);
 * });
 * ```
 */
export class TaskCancelledError extends DotflowError {
  /**
   * @param taskName - The task whose step was cancelled.
   * @param workflowId - The workflow whose run was cancelled.
   */
  public constructor(public readonly taskName: string, public readonly workflowId: string) {
    super(`step "${taskName}" was cancelled because workflow '${workflowId}' was cancelled`);
  }
}
