import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/** `start({ onInputChange })` is not one of `'reuse' | 'reset' | 'raise'`. */
export class InvalidOnInputChangeError extends DotflowError {
  public constructor(public readonly value: unknown) {
    super(`onInputChange must be one of 'reuse', 'reset', 'raise'; got ${describeValue(value)}.`);
  }
}
