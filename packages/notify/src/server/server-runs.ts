import type { TaskEvent, WorkflowEvent } from '@dotflow/core';
import { errorBody, isFinal, taskBody, workflowBody, type TaskState } from './server-bodies';

/** One request `HttpServer` makes for an event. @internal */
export interface ServerCall {
  readonly method: 'POST' | 'PATCH';
  /** From the base URL on: `/cli/workflows/etl/tasks`. */
  readonly path: string;
  readonly body: string;
  /** A create: an HTTP 409 (it exists already) counts as done. */
  readonly create: boolean;
  /** Called when the request was not delivered (so a later run creates it again). */
  readonly undo?: () => void;
}

/** Workflows whose creates this reporter remembers, at most (the oldest is forgotten first). */
const MAX_WORKFLOWS = 10_000;
/** Runs followed at once, at most (a run that never ended is forgotten first). */
const MAX_RUNS = 1_000;

interface Created {
  workflow: boolean;
  readonly tasks: Set<string>;
}

const workflowPath = (workflowId: string): string => `/cli/workflows/${encodeURIComponent(workflowId)}`;

/**
 * Turns a run's events into the reference's requests: a workflow's `In progress` creates it
 * (`POST /cli/workflows`, once per workflow id) and every status of it is a `PATCH`; a task's
 * first event in a run creates it (`POST …/tasks`, or a `PATCH` when this reporter created it in an
 * earlier run) and its final status, when it comes later, is a `PATCH …/tasks/{taskId}`.
 * @internal
 */
export class ServerRuns {
  /** Workflow id → whether it, and which of its tasks, were created on the server. */
  readonly #created = new Map<string, Created>();
  /** Run id → what it saw of each task. */
  readonly #runs = new Map<string, Map<string, TaskState>>();

  public onWorkflow(event: WorkflowEvent): ServerCall[] {
    const calls: ServerCall[] = [];
    const path = workflowPath(event.workflowId);
    if (event.status === 'In progress') {
      this.#run(event.runId);
      const created = this.#remember(event.workflowId);
      if (!created.workflow) {
        created.workflow = true;
        calls.push({ method: 'POST', path: '/cli/workflows', body: workflowBody(event), create: true, undo: () => (created.workflow = false) });
      }
    } else if (event.status !== 'New') {
      this.#runs.delete(event.runId);
    }
    calls.push({ method: 'PATCH', path, body: JSON.stringify({ status: event.status }), create: false });
    return calls;
  }

  public onTask(event: TaskEvent): ServerCall[] {
    const tasks = this.#run(event.runId);
    let state = tasks.get(event.taskId);
    const first = state === undefined;
    if (state === undefined) {
      state = { createdAt: event.at, startedAt: null, errors: [], retries: 0 };
      tasks.set(event.taskId, state);
    }
    if (event.status === 'In progress') state.startedAt ??= event.at;
    if (event.error !== undefined) state.errors.push(errorBody(event.error));
    if (event.status === 'Retry') state.retries++;
    if (!first && !isFinal(event.status)) return [];

    const taskPath = `${workflowPath(event.workflowId)}/tasks`;
    const body = taskBody(event, state);
    const { tasks: created } = this.#remember(event.workflowId);
    if (first && !created.has(event.taskId)) {
      created.add(event.taskId);
      return [{ method: 'POST', path: taskPath, body, create: true, undo: () => void created.delete(event.taskId) }];
    }
    return [{ method: 'PATCH', path: `${taskPath}/${encodeURIComponent(event.taskId)}`, body, create: false }];
  }

  /** The run's task states (a new run's, past {@link MAX_RUNS} forgetting the oldest). */
  #run(runId: string): Map<string, TaskState> {
    let tasks = this.#runs.get(runId);
    if (tasks === undefined) {
      tasks = new Map();
      this.#runs.set(runId, tasks);
      if (this.#runs.size > MAX_RUNS) this.#runs.delete(this.#runs.keys().next().value as string);
    }
    return tasks;
  }

  /** What was created of a workflow (past {@link MAX_WORKFLOWS} workflows, the oldest is forgotten). */
  #remember(workflowId: string): Created {
    let created = this.#created.get(workflowId);
    if (created === undefined) {
      created = { workflow: false, tasks: new Set() };
      this.#created.set(workflowId, created);
      if (this.#created.size > MAX_WORKFLOWS) this.#created.delete(this.#created.keys().next().value as string);
    }
    return created;
  }
}
