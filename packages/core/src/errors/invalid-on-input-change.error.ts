import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/**
 * `start({ onInputChange })` is not one of `'reuse' | 'reset' | 'raise'`.
 *
 * @example
 * ```ts
 * await flow.start({ resume: true, onInputChange: 'keep' as never });
 * // rejects with InvalidOnInputChangeError: onInputChange must be one of 'reuse', 'reset', 'raise'; got "keep".
 * ```
 */
export class InvalidOnInputChangeError extends DotflowError {
  /**
   * @param value - The value that was given.
   */
  public constructor(public readonly value: unknown) {
    super(`onInputChange must be one of 'reuse', 'reset', 'raise'; got ${describeValue(value)}.`);
  }
}
