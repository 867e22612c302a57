import type { DotflowEvent } from '../events/dotflow-event';
import type { JsonValue } from '../checkpoint/value-codec';
import type { ExecutionMode } from '../options/execution-mode';
import type { OnInputChange } from '../options/on-input-change';
import type { WorkflowResult } from '../task/workflow-result';

/** The options of a {@link RunRequest}: a run's options without functions or signals. */
export interface RunRequestOptions {
  /** The execution mode (`'sequential'` unless `start({ mode })` said otherwise). */
  readonly mode: ExecutionMode;
  /** Whether the run goes on past a failed task. */
  readonly keepGoing: boolean;
  /** Whether completed tasks are skipped from their checkpoints. */
  readonly resume: boolean;
  /** What a resumed run does when its initial contexts changed. */
  readonly onInputChange: OnInputChange;
  /** The run's initial context, encoded by `encodeValue` (decode it with `decodeValue`). */
  readonly initialContext: JsonValue;
  /** `null` for no bound. */
  readonly concurrency: number | null;
}

/**
 * One run asked for, as plain JSON: what crosses a process (to a queue, a worker) when a run runs
 * elsewhere. Callbacks given as functions stay where `start()` was called and run there, from the
 * run's events.
 */
export interface RunRequest {
  /** The workflow's name (a worker finds the workflow by it). */
  readonly workflow: string;
  /** The workflow's id. */
  readonly workflowId: string;
  /** The run's id (UUID v7). */
  readonly runId: string;
  /** The run's options. */
  readonly options: RunRequestOptions;
}

/** A run on its way: its id, its result to come, and how to cancel it. */
export interface StartedRun {
  /** The run's id (UUID v7). */
  readonly runId: string;
  /** Resolves with the result when the run ends; never rejects. */
  readonly done: Promise<WorkflowResult>;
  /** Cancels the run: running steps see their signal abort, unfinished tasks end `Cancelled`. */
  cancel(): void;
}

/** What an {@link Executor} is handed for one run. */
export interface RunJob {
  /**
   * The run as plain JSON (built when read).
   *
   * @throws UnserializableValueError when the initial context cannot be encoded.
   */
  readonly request: RunRequest;
  /** Aborted when the caller gives up on the run (its `run$()` subscriber unsubscribed): cancel it. */
  readonly signal: AbortSignal | undefined;
  /** Hands one event of this run to the workflow's `events$`, the `run$()` subscriber and the observers. */
  emit(event: DotflowEvent): void;
  /**
   * Runs it here, in this process: claims the workflow id on the storage, prepares its
   * checkpoints (rejecting for misuse, before any event) and starts it.
   */
  runHere(): Promise<StartedRun>;
}

/**
 * Where a whole run runs (`Config.executor`, or `start({ executor })`): in this process by default
 * ({@link InProcessExecutor}); a distributed executor sends `job.request` to a worker, feeds the
 * events it streams back to `job.emit`, and resolves `done` with the result, so `start()`,
 * `run$()`, `events$` and the result look the same wherever the run ran.
 *
 * @example
 * ```ts
 * // Logs each run request, then runs it here.
 * const executor: Executor = { submit: (job) => { console.log(JSON.stringify(job.request)); return job.runHere(); } };
 * ```
 */
export interface Executor {
  /** Starts the run; rejects for misuse (bad options, a claimed id, a corrupt checkpoint) before any event. */
  submit(job: RunJob): Promise<StartedRun>;
}
