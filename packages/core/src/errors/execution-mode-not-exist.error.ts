import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/**
 * `start({ mode })` names a mode that does not exist.
 *
 * @example
 * ```ts
 * await flow.start({ mode: 'fast' as never });
 * // rejects with ExecutionModeNotExistError: The execution mode "fast" does not exist. Use one of 'sequential', …
 * ```
 */
export class ExecutionModeNotExistError extends DotflowError {
  /**
   * @param mode - The mode that was given.
   * @param allowed - The mode names that exist.
   */
  public constructor(public readonly mode: unknown, allowed: readonly string[]) {
    super(
      `The execution mode ${describeValue(mode)} does not exist. ` +
        `Use one of ${allowed.map((m) => `'${m}'`).join(', ')} (or the ExecutionMode constants).`,
    );
  }
}
