import { toTaskError } from '../task/task';
import type { Clock } from './clock';
import { isLevelEnabled, type Log } from './log';

/** Reports an error Dotflow caught (from a subscriber, callback or provider) to the log. */
export type ErrorReporter = (what: string, error: unknown, level?: 'warn' | 'error') => void;

/** Passed as the error of a report that is about no error (a note such as "events dropped"). */
export const NO_ERROR: unique symbol = Symbol('no error');

/** An {@link ErrorReporter} writing to `log`; a throwing log (or clock) is ignored, never rethrown. */
export function logErrorReporter(log: Log, clock: Clock): ErrorReporter {
  return (what, error, level = 'error') => {
    try {
      if (!isLevelEnabled(log.level, level)) return;
      let message = what;
      if (error !== NO_ERROR) {
        const { exception, message: text } = toTaskError(error, 0); // never throws, whatever was thrown
        message = `${what}: ${exception}: ${text}`;
      }
      log.write({ level, message, ...(error === NO_ERROR ? {} : { error }), time: timeOf(clock) });
    } catch {
      // the log itself failed: nowhere left to report to
    }
  };
}

/** Now on `clock`, or the system's time when the clock is what broke. */
function timeOf(clock: Clock): Date {
  try {
    return new Date(clock.now());
  } catch {
    return new Date();
  }
}
