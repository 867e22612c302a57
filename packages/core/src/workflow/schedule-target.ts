import type { DotflowEvent, ScheduleAction } from '../events/dotflow-event';
import type { StartOptions } from '../options/start-options';
import type { Clock } from '../providers/clock';
import type { ScheduleTarget } from '../providers/scheduler';
import type { WorkflowResult } from '../task/workflow-result';

/** What a workflow lends the target it hands its scheduler. */
export interface ScheduleHost {
  readonly workflowId: string;
  readonly name: string;
  readonly clock: Clock;
  /** Starts one run with `options`; calls `onStart(runId)` right before the run's first event. */
  start(options: StartOptions, onStart: (runId: string) => void): Promise<WorkflowResult>;
  /** Hands an event to `events$`, the log and the observers. */
  broadcast(event: DotflowEvent): void;
}

/**
 * The {@link ScheduleTarget} of a workflow scheduled with `options`: each trigger is a fresh run
 * with them (in the foreground, so the scheduler gets the result), announced by a `triggered`
 * event; `report()` turns the triggers a scheduler does not run into events.
 */
export function scheduleTarget(host: ScheduleHost, options: StartOptions | undefined): ScheduleTarget {
  const workflowId = options?.workflowId ?? host.workflowId;
  const event = (action: ScheduleAction, scheduledAt: Date, id: string, runId?: string): DotflowEvent => ({
    type: 'schedule',
    workflowId: id,
    name: host.name,
    action,
    scheduledAt,
    ...(runId === undefined ? {} : { runId }),
    at: new Date(host.clock.now()),
  });
  return {
    workflowId,
    name: host.name,
    clock: host.clock,
    resume: options?.resume === true,
    trigger: (scheduledAt, trigger = {}) => {
      const signals = [options?.signal, trigger.signal].filter((s): s is AbortSignal => s !== undefined);
      const id = trigger.workflowId ?? workflowId;
      const tick: StartOptions = {
        ...options,
        ...(trigger.workflowId === undefined ? {} : { workflowId: trigger.workflowId }),
        ...(signals.length === 0 ? {} : { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) }),
        ...(options?.mode === 'background' ? { mode: undefined } : {}),
      };
      return host.start(tick, (runId) => host.broadcast(event('triggered', scheduledAt, id, runId)));
    },
    report: (action, scheduledAt) => host.broadcast(event(action, scheduledAt, workflowId)),
  };
}
