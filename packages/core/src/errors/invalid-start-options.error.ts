import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/** A `start()` / `run$()` option other than `mode` and `onInputChange` has a bad value. */
export class InvalidStartOptionsError extends DotflowError {
  public constructor(public readonly option: string, public readonly value: unknown, expected: string) {
    super(`start(): "${option}" ${expected}, got ${describeValue(value)}`);
  }
}
