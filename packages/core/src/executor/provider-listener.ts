import { describeEvent } from '../events/describe-event';
import { isThenable } from '../internal/is-thenable';
import type { DotflowEvent } from '../events/dotflow-event';
import type { Config } from '../providers/config';
import { NoopSink, type EventSink } from '../providers/event-sink';
import { isLevelEnabled, type LogRecord } from '../providers/log';
import { TaskStatus } from '../status/task-status';
import { toTaskError } from '../task/task';
import { WorkflowStatus } from '../status/workflow-status';

/** Something that receives every event of a run. */
export type EventListener = (event: DotflowEvent) => void;

/** Reports an error Dotflow caught (from a subscriber, callback or provider) to the log. */
export type ErrorReporter = (what: string, error: unknown, level?: 'warn' | 'error') => void;

/** An {@link ErrorReporter} writing to `config.log`; a throwing log is ignored, never rethrown. */
export function logErrorReporter(config: Config): ErrorReporter {
  return (what, error, level = 'error') => {
    if (!isLevelEnabled(config.log.level, level)) return;
    const { exception, message: text } = toTaskError(error, 0); // never throws, whatever was thrown
    const message = `${what}: ${exception}: ${text}`;
    try {
      config.log.write({ level, message, error });
    } catch {
      // the log itself failed: nowhere left to report to
    }
  };
}

function levelOf(event: DotflowEvent): LogRecord['level'] {
  if (event.type === 'error') return 'error';
  if (event.type === 'workflow') {
    if (event.status === WorkflowStatus.Failed) return 'error';
    return event.status === WorkflowStatus.Cancelled ? 'warn' : 'info';
  }
  if (event.status === TaskStatus.Failed) return 'error';
  if (event.status === TaskStatus.Retry || event.status === TaskStatus.Cancelled) return 'warn';
  return 'info';
}

/**
 * One listener feeding the log and the observing providers (notify, tracer, metrics, server).
 * No-op providers are left out; a provider that throws or rejects is reported, never rethrown;
 * returned promises are not awaited, so a slow provider never stalls the run.
 */
export function providerListener(config: Config, report: ErrorReporter): EventListener | undefined {
  const roles = ['notify', 'tracer', 'metrics', 'server'] as const;
  const sinks: { role: string; sink: EventSink }[] = [];
  for (const role of roles) {
    const sink = config[role];
    if (!(sink instanceof NoopSink)) sinks.push({ role, sink });
  }
  const log = config.log;
  if (sinks.length === 0 && log.level === 'silent') return undefined;
  return (event) => {
    const level = levelOf(event);
    if (isLevelEnabled(log.level, level)) {
      try {
        log.write({ level, message: describeEvent(event), event });
      } catch (e) {
        report('log.write threw', e);
      }
    }
    for (const { role, sink } of sinks) {
      try {
        const r = sink.onEvent(event);
        if (isThenable(r)) r.then(undefined, (e: unknown) => report(`${role}.onEvent threw`, e));
      } catch (e) {
        report(`${role}.onEvent threw`, e);
      }
    }
  };
}
