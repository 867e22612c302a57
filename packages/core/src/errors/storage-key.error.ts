import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/**
 * A storage key cannot be built from the given id (an empty or non-string id), or a key is not one the storage made.
 *
 * @example
 * ```ts
 * new MemoryStorage().key('', 'load');
 * // StorageKeyError: Cannot build a storage key: workflowId must be a non-empty string, got "".
 * ```
 */
export class StorageKeyError extends DotflowError {
  /**
   * @param field - The id that was bad (`workflowId`, `taskId`) or the key.
   * @param value - The value that was given.
   * @param expected - What it must be.
   */
  public constructor(
    public readonly field: string,
    public readonly value: unknown,
    expected = 'must be a non-empty string',
  ) {
    super(`Cannot build a storage key: ${field} ${expected}, got ${describeValue(value)}.`);
  }
}
