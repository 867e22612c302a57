import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/** A storage key cannot be built from the given id (an empty or non-string id). */
export class StorageKeyError extends DotflowError {
  public constructor(public readonly field: string, public readonly value: unknown) {
    super(`Cannot build a storage key: ${field} must be a non-empty string, got ${describeValue(value)}.`);
  }
}
