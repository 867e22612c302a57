import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/** A storage key cannot be built from the given id (an empty or non-string id), or a key is not one the storage made. */
export class StorageKeyError extends DotflowError {
  public constructor(
    public readonly field: string,
    public readonly value: unknown,
    expected = 'must be a non-empty string',
  ) {
    super(`Cannot build a storage key: ${field} ${expected}, got ${describeValue(value)}.`);
  }
}
