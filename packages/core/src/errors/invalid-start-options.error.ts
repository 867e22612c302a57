import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/**
 * A `start()` / `run$()` option other than `mode` and `onInputChange` has a bad value.
 *
 * @example
 * ```ts
 * await flow.start({ mode: 'parallel', concurrency: 0 });
 * // rejects with InvalidStartOptionsError: start(): "concurrency" must be …, got 0
 * ```
 */
export class InvalidStartOptionsError extends DotflowError {
  /**
   * @param option - The option with the bad value (`concurrency`).
   * @param value - The value that was given.
   * @param expected - What the option must be.
   */
  public constructor(public readonly option: string, public readonly value: unknown, expected: string) {
    super(`start(): "${option}" ${expected}, got ${describeValue(value)}`);
  }
}
