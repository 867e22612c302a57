import type { TaskError, TaskEvent, WorkflowEvent } from '@dotflow/core';
import { jsonText } from '../render/text';

/**
 * One failed attempt in a {@link ServerTaskBody} (the reference's `errors` items).
 *
 * @example
 * ```ts
 * const e: ServerTaskError = { attempt: 1, exception: 'Error', traceback: 'Error: boom\n    at …', message: 'boom' };
 * ```
 */
export interface ServerTaskError {
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** The error's class name (`'TypeError'`). */
  readonly exception: string;
  /** The error's stack, as text. */
  readonly traceback: string;
  /** The error's message. */
  readonly message: string;
}

/**
 * The body `HttpServer` sends for a task (`POST /cli/workflows/{id}/tasks`, `PATCH …/tasks/{taskId}`):
 * the reference's task dict, in its key order. `duration` is in seconds; contexts are JSON strings
 * of their storage, or null (the events carry only the current one, on Completed and Skipped);
 * times are ISO 8601 in UTC.
 *
 * @example
 * ```ts
 * const body = JSON.parse(request.body) as ServerTaskBody;
 * if (body.status === 'Failed') console.log(body.error?.message);
 * ```
 */
export interface ServerTaskBody {
  /** The task id (`fetch`, or `fetch#2` for a repeated name). */
  readonly task_id: string;
  /** The workflow's id. */
  readonly workflow_id: string;
  /** The task's status as of the event (`'In progress'`, `'Completed'`…). */
  readonly status: string;
  /** Seconds the task took, on a final status (Completed, Failed, Cancelled, Skipped); null before. */
  readonly duration: number | null;
  /** Always null: the events do not carry the initial context. */
  readonly initial_context: unknown;
  /** The JSON string of the task's context storage on Completed and Skipped, else null (`{"message": "Context size exceeded"}` when the body would pass 5,000,000 characters). */
  readonly current_context: unknown;
  /** Always null: the events do not carry the previous context. */
  readonly previous_context: unknown;
  /** The task's group (`'default'` unless set). */
  readonly group_name: string;
  /** Retries so far in this run. */
  readonly retry_count: number;
  /** When the run first saw the task (ISO 8601, UTC). */
  readonly created_at: string;
  /** When the task started (ISO 8601, UTC), or null before it did. */
  readonly started_at: string | null;
  /** When the task ended (ISO 8601, UTC), on a final status; null before. */
  readonly finished_at: string | null;
  /** Every failed attempt so far, oldest first (emptied when the body would be too large). */
  readonly errors: readonly ServerTaskError[];
  /** The task id again, as the reference sends it. */
  readonly id: string;
  /** The last failed attempt, or null. */
  readonly error: ServerTaskError | null;
}

/**
 * The body of `POST /cli/workflows`: the reference's workflow dict (`tasks` empty: a run creates
 * its tasks as they start).
 *
 * @example
 * ```ts
 * const body: ServerWorkflowBody = { workflow_id: 'etl', workflow_name: 'etl', tasks: [], id: 'etl', name: 'etl' };
 * ```
 */
export interface ServerWorkflowBody {
  /** The workflow's id. */
  readonly workflow_id: string;
  /** The workflow's name. */
  readonly workflow_name: string;
  /** Always empty: a run creates its tasks as they start. */
  readonly tasks: readonly ServerTaskBody[];
  /** The workflow id again, as the reference sends it. */
  readonly id: string;
  /** The workflow name again, as the reference sends it. */
  readonly name: string;
}

/** What a run has seen of one task, for its bodies. @internal */
export interface TaskState {
  readonly createdAt: Date;
  startedAt: Date | null;
  readonly errors: ServerTaskError[];
  retries: number;
}

/** The reference's cap on a task body (`task.result(max=5_000_000)`). @internal */
export const MAX_TASK_BODY = 5_000_000;
const SIZE_MESSAGE = { message: 'Context size exceeded' } as const;
const FINAL = new Set<string>(['Completed', 'Failed', 'Cancelled', 'Skipped']);

/** True for a task status after which the task does nothing more in its run. @internal */
export const isFinal = (status: string): boolean => FINAL.has(status);

/** A TaskError as the server takes it. @internal */
export function errorBody(error: TaskError): ServerTaskError {
  return { attempt: error.attempt, exception: error.exception, traceback: error.stack, message: error.message };
}

/** The workflow body of `POST /cli/workflows`. @internal */
export function workflowBody(event: WorkflowEvent): string {
  const body: ServerWorkflowBody = { workflow_id: event.workflowId, workflow_name: event.name, tasks: [], id: event.workflowId, name: event.name };
  return JSON.stringify(body);
}

/**
 * The task body as of `event`, as JSON of at most `max` characters: past it, as the reference
 * does, the current context becomes `{"message": "Context size exceeded"}`, then the errors go,
 * then the contexts become null.
 * @internal
 */
export function taskBody(event: TaskEvent, state: TaskState, max = MAX_TASK_BODY): string {
  const final = isFinal(event.status);
  const errors = state.errors.slice();
  const body: { -readonly [K in keyof ServerTaskBody]: ServerTaskBody[K] } = {
    task_id: event.taskId,
    workflow_id: event.workflowId,
    status: event.status,
    duration: final && event.duration !== undefined ? event.duration / 1000 : null,
    initial_context: null,
    current_context: contextOf(event),
    previous_context: null,
    group_name: event.group,
    retry_count: state.retries,
    created_at: state.createdAt.toISOString(),
    started_at: state.startedAt?.toISOString() ?? null,
    finished_at: final ? event.at.toISOString() : null,
    errors,
    id: event.taskId,
    error: errors[errors.length - 1] ?? null,
  };
  let json = JSON.stringify(body);
  if (json.length <= max) return json;
  if (body.current_context !== null) {
    body.current_context = SIZE_MESSAGE;
    json = JSON.stringify(body);
    if (json.length <= max) return json;
  }
  body.errors = [];
  body.error = null;
  json = JSON.stringify(body);
  if (json.length <= max) return json;
  body.current_context = null;
  return JSON.stringify(body);
}

/** The reference's context field: the JSON string of the storage, or null. */
function contextOf(event: TaskEvent): string | null {
  if (event.status !== 'Completed' && event.status !== 'Skipped') return null;
  const storage = event.storage;
  if (storage === null || storage === undefined) return null;
  return jsonText(storage);
}
