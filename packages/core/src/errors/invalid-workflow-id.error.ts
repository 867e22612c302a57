import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/**
 * A workflow id is not a non-empty string.
 *
 * @example
 * ```ts
 * new DotFlow({ workflowId: '' });
 * // InvalidWorkflowIdError: workflowId must be a non-empty string, got "". …
 * ```
 */
export class InvalidWorkflowIdError extends DotflowError {
  /**
   * @param value - The id that was given.
   */
  public constructor(public readonly value: unknown) {
    super(
      `workflowId must be a non-empty string, got ${describeValue(value)}. ` +
        `Pass any non-empty string (e.g. 'etl-daily'), or omit it for a random UUID.`,
    );
  }
}
