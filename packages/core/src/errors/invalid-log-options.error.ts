import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/**
 * A `ConsoleLog` option, or the `DOTFLOW_LOG_LEVEL` environment variable it reads its default
 * level from, has a value the log cannot use. `option` names the option or the variable.
 *
 * @example
 * ```ts
 * new ConsoleLog({ format: 'xml' as never });
 * // InvalidLogOptionsError: new ConsoleLog(): "format" must be one of 'text', 'json' ('simple' is another name of 'text'), got "xml"
 * // with DOTFLOW_LOG_LEVEL=verbose in the environment:
 * new Config();
 * // InvalidLogOptionsError: The environment variable DOTFLOW_LOG_LEVEL must be one of 'debug', 'info', … got "verbose". …
 * ```
 */
export class InvalidLogOptionsError extends DotflowError {
  /**
   * @param option - The `ConsoleLog` option, or the environment variable (`DOTFLOW_LOG_LEVEL`).
   * @param value - The value that was given.
   * @param expected - What the value must be.
   * @param from - `'environment'` when the value came from the environment variable.
   */
  public constructor(
    public readonly option: string,
    public readonly value: unknown,
    expected: string,
    from: 'option' | 'environment' = 'option',
  ) {
    super(
      from === 'option'
        ? `new ConsoleLog(): "${option}" ${expected}, got ${describeValue(value)}`
        : `The environment variable ${option} ${expected}, got ${describeValue(value)}. Set it to one of those, unset it (the level is then 'warn'), or pass ConsoleLog({ level }).`,
    );
  }
}
