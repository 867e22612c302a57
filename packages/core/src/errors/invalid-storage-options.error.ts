import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/**
 * An option given to a storage's constructor has a value it cannot use.
 *
 * @example
 * ```ts
 * new MemoryStorage({ maxWorkflows: 0 });
 * // InvalidStorageOptionsError: new MemoryStorage(): "maxWorkflows" must be an integer ≥ 1, or Infinity for no bound, got 0
 * ```
 */
export class InvalidStorageOptionsError extends DotflowError {
  /**
   * @param storage - The storage class (`MemoryStorage`, `FileStorage`).
   * @param option - The option with the bad value.
   * @param value - The value that was given.
   * @param expected - What the option must be.
   */
  public constructor(
    public readonly storage: string,
    public readonly option: string,
    public readonly value: unknown,
    expected: string,
  ) {
    super(`new ${storage}(): "${option}" ${expected}, got ${describeValue(value)}`);
  }
}
