import { describeEvent } from '../events/describe-event';
import type { DotflowEvent } from '../events/dotflow-event';
import type { ErrorReporter } from '../providers/error-reporter';
import { isLevelEnabled, type Log, type LogRecord } from '../providers/log';
import { TaskStatus } from '../status/task-status';
import { WorkflowStatus } from '../status/workflow-status';
import type { EventListener } from './run-emitter';

function levelOf(event: DotflowEvent): LogRecord['level'] {
  switch (event.type) {
    case 'error':
      return 'error';
    case 'schedule':
      return event.action === 'dropped' ? 'warn' : 'info';
    case 'workflow':
      if (event.status === WorkflowStatus.Failed) return 'error';
      return event.status === WorkflowStatus.Cancelled ? 'warn' : 'info';
    case 'task':
      if (event.status === TaskStatus.Failed) return 'error';
      if (event.status === TaskStatus.Retry || event.status === TaskStatus.Cancelled) return 'warn';
      return 'info';
  }
}

/**
 * The listener that writes a run's events to the log (synchronously, only the levels it wants;
 * the record's time is the event's, on `Config.clock`). Undefined for a silent log.
 */
export function logListener(log: Log, report: ErrorReporter): EventListener | undefined {
  if (log.level === 'silent') return undefined;
  return (event) => {
    const level = levelOf(event);
    if (!isLevelEnabled(log.level, level)) return;
    try {
      log.write({ level, message: describeEvent(event), event, time: event.at });
    } catch (e) {
      report('log.write threw', e);
    }
  };
}

