import { DotflowError } from '@dotflow/core';

/**
 * An option given to `TelegramNotify`, `DiscordNotify` or `HttpServer` has a value it cannot use.
 * The message names the option and the value, except for secrets (a token, a webhook URL), whose
 * value is never shown.
 *
 * @example
 * ```ts
 * new TelegramNotify({ token, chatId: 1, timeoutMs: 0 });
 * // InvalidNotifyOptionsError: new TelegramNotify(): "timeoutMs" must be an integer ≥ 1 (ms), got 0
 * ```
 */
export class InvalidNotifyOptionsError extends DotflowError {
  public constructor(
    /** `TelegramNotify`, `DiscordNotify` or `HttpServer`. */
    public readonly provider: string,
    /** The option, as named in the options object (`timeoutMs`). */
    public readonly option: string,
    /** What was given, as text (`'(hidden)'` for a secret). */
    public readonly given: string,
    expected: string,
  ) {
    super(`new ${provider}(): "${option}" ${expected}, got ${given}`);
  }
}
