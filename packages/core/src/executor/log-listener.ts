import { describeEvent } from '../events/describe-event';
import type { DotflowEvent } from '../events/dotflow-event';
import type { ErrorReporter } from '../providers/error-reporter';
import { EVENT_FIELDS_ONLY, isLevelEnabled, type Log, type LogRecord } from '../providers/log';
import { TaskStatus } from '../status/task-status';
import { WorkflowStatus } from '../status/workflow-status';
import type { EventListener } from './run-emitter';

/**
 * The level Dotflow logs an event at, as the reference logs statuses: a Failed task or workflow
 * and a callback that threw at `error`, a Retry at `warn`, every other status at `info`
 * (Cancelled too: a cancellation is asked for, by a signal or an unsubscribe, not a fault). A
 * dropped schedule trigger is `warn` (work that will not run), the other schedule actions `info`.
 *
 * @example
 * ```ts
 * flow.events$.subscribe((e) => { if (logLevelOf(e) === 'error') page(e); });
 * ```
 */
export function logLevelOf(event: DotflowEvent): LogRecord['level'] {
  switch (event.type) {
    case 'error':
      return 'error';
    case 'schedule':
      return event.action === 'dropped' ? 'warn' : 'info';
    case 'workflow':
      return event.status === WorkflowStatus.Failed ? 'error' : 'info';
    case 'task':
      if (event.status === TaskStatus.Failed) return 'error';
      return event.status === TaskStatus.Retry ? 'warn' : 'info';
  }
}

/**
 * The listener that writes a run's events to the log (synchronously, only the levels it wants;
 * the record's time is the event's, on `Config.clock`; its message `''` for a log marked
 * {@link EVENT_FIELDS_ONLY}). Undefined for a silent log.
 */
export function logListener(log: Log, report: ErrorReporter): EventListener | undefined {
  if (log.level === 'silent') return undefined;
  const messages = (log as { readonly [EVENT_FIELDS_ONLY]?: unknown })[EVENT_FIELDS_ONLY] !== true;
  return (event) => {
    const level = logLevelOf(event);
    if (!isLevelEnabled(log.level, level)) return;
    try {
      log.write({ level, message: messages ? describeEvent(event) : '', event, time: event.at });
    } catch (e) {
      report('log.write threw', e);
    }
  };
}
