import type { Attributes } from '@opentelemetry/api';
import type { TaskError } from '@dotflow/core';

/**
 * The attribute names the tracer sets (the reference's `dotflow.*` names, plus `dotflow.run_id`,
 * the task's name and group, and the workflow's name and status).
 *
 * @example
 * ```ts
 * const failed = exporter.getFinishedSpans().filter((s) => s.attributes[DotflowAttribute.TaskStatus] === 'Failed');
 * ```
 */
export const DotflowAttribute = {
  /** The run's workflow id (on every span). */
  WorkflowId: 'dotflow.workflow_id',
  /** The run's id (on every span): several runs of one workflow id are told apart by it. */
  RunId: 'dotflow.run_id',
  /** The workflow's name (on the workflow span). */
  WorkflowName: 'dotflow.workflow.name',
  /** The workflow's final status (on the workflow span). */
  WorkflowStatus: 'dotflow.workflow.status',
  /** The run's duration in seconds, from its final event (on the workflow span). */
  Duration: 'dotflow.duration',
  /** The task's id (on task spans). */
  TaskId: 'dotflow.task_id',
  /** The task's name (on task spans). */
  TaskName: 'dotflow.task.name',
  /** The task's group (on task spans). */
  TaskGroup: 'dotflow.task.group',
  /** The task's final status (on task spans). */
  TaskStatus: 'dotflow.task.status',
  /** Failed attempts followed by another (on task spans that ran). */
  TaskRetryCount: 'dotflow.task.retry_count',
  /** The task's duration in seconds, retries and waits included (on task spans that ran). */
  TaskDuration: 'dotflow.task.duration',
  /** The attempt that failed (on `dotflow.task.retry` span events). */
  TaskAttempt: 'dotflow.task.attempt',
  /**
   * Why a span ended without its final event: `'evicted'` (more than `maxOpenRuns` runs were open),
   * `'closed'` (`close()` was called during the run) or `'workflow-ended'` (a task span still open
   * when its workflow's final event came).
   */
  Incomplete: 'dotflow.incomplete',
  /** Which user callback threw (on `dotflow.callback.error` span events). */
  CallbackSource: 'dotflow.callback.source',
} as const;

/**
 * The names of the span events the tracer adds.
 *
 * @example
 * ```ts
 * const retries = span.events.filter((e) => e.name === DotflowSpanEvent.Retry);
 * ```
 */
export const DotflowSpanEvent = {
  /** On a task span: an attempt failed and another follows (with the error's `exception.*`). */
  Retry: 'dotflow.task.retry',
  /** On the workflow span: a task `callback`, `onSuccess` or `onFailure` threw (the run went on). */
  CallbackError: 'dotflow.callback.error',
} as const;

/** A task error as the semantic conventions' `exception.*` attributes. */
export function exceptionAttributes(error: TaskError): Attributes {
  return { 'exception.type': error.exception, 'exception.message': error.message, 'exception.stacktrace': error.stack };
}
