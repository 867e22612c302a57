import { DotflowError } from '@dotflow/core';

/**
 * An option given to `new SentryNotify()` is missing or wrong. The message names the option, says
 * what was wrong and how to fix it; a DSN is never echoed (it holds your project's key), only
 * described.
 *
 * @example
 * ```ts
 * try { new SentryNotify({ dsn: 'nope' }); }
 * catch (e) { if (e instanceof InvalidSentryOptionsError) console.error(e.option, e.message); }
 * ```
 */
export class InvalidSentryOptionsError extends DotflowError {
  public constructor(
    /** The option that was wrong (`dsn`, `client`, `statuses`…). */
    public readonly option: string,
    problem: string,
  ) {
    super(`new SentryNotify(): ${problem}`);
  }
}
