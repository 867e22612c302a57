import type { TaskError, TaskEvent, TaskStatus, WorkflowEvent } from '@dotflow/core';
import type { Breadcrumb, Event, Exception, SeverityLevel, defaultStackParser } from '@sentry/node';

/** Turns a stack trace into Sentry frames (the client's `stackParser`). */
export type StackParser = typeof defaultStackParser;

/** What an event of a run knows of the run beyond the event itself. */
export interface RunInfo {
  /** The workflow's name, from the run's first event (task events do not carry it). */
  readonly workflowName: string | undefined;
}

/** Tag values longer than this are cut (Sentry drops longer ones). */
const MAX_TAG_LENGTH = 200;

/** The Sentry level of a task or workflow status. */
export function levelOf(status: string): SeverityLevel {
  if (status === 'Failed') return 'error';
  if (status === 'Retry' || status === 'Cancelled') return 'warning';
  return 'info';
}

/**
 * A task event as a Sentry event: its error (if any) as the exception, its identity as
 * `dotflow.*` tags and a `dotflow` context.
 */
export function taskEventToSentry(event: TaskEvent, run: RunInfo, parse: StackParser): Event {
  const tags: Record<string, string> = {
    ...runTags(event, run.workflowName),
    'dotflow.task_id': tag(event.taskId),
    'dotflow.task': tag(event.name),
    'dotflow.group': tag(event.group),
    'dotflow.status': event.status,
    'dotflow.attempt': String(event.attempt),
  };
  const out: Event = {
    level: levelOf(event.status),
    timestamp: event.at.getTime() / 1000,
    logger: 'dotflow',
    tags,
    contexts: {
      dotflow: {
        workflow_id: event.workflowId,
        run_id: event.runId,
        workflow: run.workflowName,
        task_id: event.taskId,
        task: event.name,
        group: event.group,
        status: event.status,
        attempt: event.attempt,
        duration_ms: event.duration,
      },
    },
  };
  if (event.error === undefined) {
    out.message = `Task ${event.taskId}${run.workflowName === undefined ? '' : ` of ${run.workflowName}`}: ${event.status}`;
    return out;
  }
  const { exception, unparsedStack } = exceptionOf(event.error, parse);
  out.exception = { values: [exception] };
  if (unparsedStack !== undefined) out.extra = { stack: unparsedStack };
  return out;
}

/** A workflow event as a Sentry message event (`Workflow <name>: <status>`). */
export function workflowEventToSentry(event: WorkflowEvent): Event {
  return {
    level: levelOf(event.status),
    timestamp: event.at.getTime() / 1000,
    logger: 'dotflow',
    message: `Workflow ${event.name}: ${event.status}`,
    tags: { ...runTags(event, event.name), 'dotflow.status': event.status },
    contexts: {
      dotflow: { workflow_id: event.workflowId, run_id: event.runId, workflow: event.name, status: event.status, duration_ms: event.duration },
    },
  };
}

/** The tags every event of a run carries. */
function runTags(event: WorkflowEvent | TaskEvent, workflowName: string | undefined): Record<string, string> {
  const tags: Record<string, string> = { 'dotflow.workflow_id': tag(event.workflowId), 'dotflow.run_id': event.runId };
  if (workflowName !== undefined) tags['dotflow.workflow'] = tag(workflowName);
  return tags;
}

/** A task event as a breadcrumb of its run (`Task load attempt 1 failed: TypeError: …`). */
export function taskBreadcrumb(event: TaskEvent): Breadcrumb {
  const error = event.error;
  const what = event.status === 'Retry'
    ? `attempt ${event.attempt} failed, retrying`
    : event.status === 'Failed' ? `failed after ${event.attempt} attempt${event.attempt === 1 ? '' : 's'}` : event.status;
  const crumb: Breadcrumb = {
    type: error === undefined ? 'default' : 'error',
    category: `dotflow.task.${categoryOf(event.status)}`,
    level: levelOf(event.status),
    message: `Task ${event.taskId} ${what}${error === undefined ? '' : `: ${error.exception}: ${error.message}`}`,
    timestamp: event.at.getTime() / 1000,
    data: { task_id: event.taskId, status: event.status, attempt: event.attempt },
  };
  if (error !== undefined && crumb.data !== undefined) crumb.data['exception'] = error.exception;
  return crumb;
}

/** A task error as a Sentry exception, frames parsed from its stack when the parser can. */
function exceptionOf(error: TaskError, parse: StackParser): { exception: Exception; unparsedStack?: string } {
  const exception: Exception = {
    type: error.exception === '' ? 'Error' : error.exception,
    value: error.message,
    mechanism: { type: 'dotflow', handled: true },
  };
  if (error.stack === '') return { exception };
  let frames: ReturnType<StackParser> = [];
  try {
    frames = parse(error.stack);
  } catch {
    frames = [];
  }
  if (frames.length === 0) return { exception, unparsedStack: error.stack };
  exception.stacktrace = { frames };
  return { exception };
}

function categoryOf(status: TaskStatus): string {
  return status.toLowerCase().replace(/ /g, '_');
}

function tag(value: string): string {
  return value.length > MAX_TAG_LENGTH ? `${value.slice(0, MAX_TAG_LENGTH - 1)}…` : value;
}
