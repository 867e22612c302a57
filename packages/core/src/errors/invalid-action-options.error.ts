import { DotflowError } from './dotflow.error';

/**
 * An `@Action()` / `action()` option has a value Dotflow cannot use.
 *
 * @example
 * ```ts
 * action({ retry: 0 }, fetchUsers);
 * // InvalidActionOptionsError: action() on fetchUsers: "retry" must be an integer ≥ 1 (attempts in all), got 0
 * ```
 */
export class InvalidActionOptionsError extends DotflowError {
  /**
   * @param where - What was being defined, as the message names it (`@Action() on Etl.transform`, `task.add()`).
   * @param option - The option with the bad value (`retry`).
   * @param value - The value that was given.
   * @param expected - What the option must be (`must be an integer ≥ 1`).
   */
  public constructor(
    public readonly where: string,
    public readonly option: string,
    public readonly value: unknown,
    expected: string,
  ) {
    super(`${where}: "${option}" ${expected}, got ${describeValue(value)}`);
  }
}

/** Renders a value for an error message: strings quoted, objects as JSON where possible. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
