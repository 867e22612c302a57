import { statusSymbol } from '../status/task-status';
import type { DotflowEvent } from './dotflow-event';

/**
 * The one-line text of an event, as the simple format writes it.
 *
 * @example
 * ```ts
 * flow.events$.subscribe((e) => console.log(describeEvent(e)));
 * // ✅ etl load: Completed (attempt 1) in 12.3 ms
 * ```
 */
export function describeEvent(event: DotflowEvent): string {
  if (event.type === 'workflow') {
    const took = event.duration === undefined ? '' : ` in ${event.duration.toFixed(1)} ms`;
    return `workflow ${event.name} (${event.workflowId}): ${event.status}${took}`;
  }
  if (event.type === 'error') {
    const task = event.taskId === undefined ? '' : ` of task ${event.taskId}`;
    return `${event.source}${task} in workflow ${event.workflowId} threw ${event.error.exception}: ${event.error.message}`;
  }
  if (event.type === 'schedule') {
    const run = event.runId === undefined ? '' : ` as run ${event.runId}`;
    return `schedule of workflow ${event.name} (${event.workflowId}): trigger due ${event.scheduledAt.toISOString()} ${event.action}${run}`;
  }
  const symbol = statusSymbol(event.status);
  const took = event.duration === undefined ? '' : ` in ${event.duration.toFixed(1)} ms`;
  const error = event.error ? ` — ${event.error.exception}: ${event.error.message}` : '';
  return `${symbol} ${event.workflowId} ${event.taskId}: ${event.status} (attempt ${event.attempt})${took}${error}`;
}
