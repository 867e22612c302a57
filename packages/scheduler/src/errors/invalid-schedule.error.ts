import { DotflowError } from '@dotflow/core';

/**
 * An option given to `CronScheduler` is invalid (the cron expression, the time zone, the overlap
 * strategy, `maxParallel`, the clock, or an unknown option); thrown by the constructor, before
 * anything is scheduled. The message names the option, the value and how to fix it.
 *
 * @example
 * ```ts
 * try { new CronScheduler({ cron: '*\/5 * * *' }); }
 * catch (e) { if (e instanceof InvalidScheduleError) console.error(e.option, e.message); }
 * ```
 */
export class InvalidScheduleError extends DotflowError {
  public constructor(
    /** The option that was refused (`cron`, `timezone`, `overlap`, `maxParallel`…). */
    public readonly option: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`CronScheduler: ${message}`, options);
  }
}
