import { DotflowError } from './dotflow.error';

/**
 * `resume: true` needs every task to have a stable name; some are anonymous.
 *
 * @example
 * ```ts
 * flow.task.add({ step: action(() => 1) });
 * await flow.start({ resume: true });
 * // rejects with UnnamedTaskError: Cannot resume workflow '…': the tasks at position(s) 0 (0-based) are anonymous functions, …
 * ```
 */
export class UnnamedTaskError extends DotflowError {
  /**
   * @param positions - The 0-based positions of the anonymous tasks.
   * @param workflowId - The workflow that was to resume.
   */
  public constructor(public readonly positions: readonly number[], public readonly workflowId: string) {
    super(
      `Cannot resume workflow '${workflowId}': the tasks at position(s) ${positions.join(', ')} ` +
        `(0-based) are anonymous functions, so their ids depend on their position. Name them: ` +
        `action({ name: 'load' }, fn) or action(function load() { … }).`,
    );
  }
}
