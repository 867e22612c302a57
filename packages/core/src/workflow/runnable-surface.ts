import type { Observable } from 'rxjs';
import type { Context } from '../context/context';
import type { DotflowEvent } from '../events/dotflow-event';
import type { StartOptions } from '../options/start-options';
import type { Config } from '../providers/config';
import type { ScheduleHandle } from '../providers/scheduler';
import type { Task } from '../task/task';
import type { BackgroundRun, WorkflowResult } from '../task/workflow-result';
import type { WorkflowPlanJson } from './plan-json';
import type { WorkflowJson } from './workflow-json';

/** Options of a background run: `start()` resolves at once with a {@link BackgroundRun}. */
export type BackgroundStartOptions = StartOptions & {
  /** Always `'background'`. */
  readonly mode: 'background';
};
/** Options of a run that `start()` awaits to the end. */
export type ForegroundStartOptions = StartOptions & {
  /** Any mode but `'background'`. @defaultValue 'sequential' (or `parallel_group` when tasks span several groups) */
  readonly mode?: Exclude<StartOptions['mode'], 'background'>;
};

/** The surface `Workflow` and `DotFlow` share: identity, events, runs and the last run's results. */
export interface Runnable {
  /** The workflow's id: the one given (for `DotFlow`, else the `WORKFLOW_ID` environment variable), or a random UUID. */
  readonly workflowId: string;
  /** The workflow's name. */
  readonly name: string;
  /** The providers its runs use. */
  readonly config: Config;
  /** Hot: the events of every run of this workflow, as they happen. Never completes. */
  readonly events$: Observable<DotflowEvent>;
  /**
   * Cold: one run per subscription; completes after the run's final event; unsubscribing cancels
   * the run. Errors found in the storage (with `resume`) come as the stream's error, before any
   * event: the observable touches the storage only when subscribed.
   *
   * @throws InvalidStartOptionsError, ExecutionModeNotExistError, InvalidOnInputChangeError, and
   *   with `resume` UnnamedTaskError or UnserializableValueError, at once.
   * @example
   * ```ts
   * flow.run$({ mode: 'parallel' }).subscribe((e) => { if (e.type === 'task') console.log(e.name, e.status); });
   * ```
   */
  run$(options?: StartOptions): Observable<DotflowEvent>;
  /**
   * Runs the workflow and resolves with its {@link WorkflowResult}; with `mode: 'background'`,
   * resolves at once with a {@link BackgroundRun}. A failing step never rejects: failure is a
   * status. Rejects only for misuse, before any step runs and before any event.
   *
   * @throws InvalidStartOptionsError, ExecutionModeNotExistError, InvalidOnInputChangeError; with
   *   `resume` also UnnamedTaskError, UnserializableValueError, InputChangedError,
   *   CorruptCheckpointError, WorkflowLockedError (as a rejection).
   * @example
   * ```ts
   * const { status, tasks } = await flow.start({ mode: 'parallel', initialContext: { day: '2026-01-01' } });
   * const run = await flow.start({ mode: 'background' });
   * const result = await run.done;
   * ```
   */
  start(options: BackgroundStartOptions): Promise<BackgroundRun>;
  /** Runs the workflow to the end and resolves with its {@link WorkflowResult}. */
  start(options?: ForegroundStartOptions): Promise<WorkflowResult>;
  /** Runs the workflow, for options whose `mode` is only known at run time: a result, or a {@link BackgroundRun} for `background`. */
  start(options?: StartOptions): Promise<WorkflowResult | BackgroundRun>;
  /**
   * Checks the options, then hands the workflow to `config.scheduler`, which triggers runs of it
   * (each trigger a fresh run with these options); resolves with the scheduler's handle.
   *
   * @throws (as a rejection) the option errors of {@link Runnable.start}, before anything is scheduled.
   * @example
   * ```ts
   * const handle = await flow.schedule({ keepGoing: true });
   * handle.nextRun();                 // when the next trigger is due
   * await handle.stop({ graceMs: 5_000 });
   * ```
   */
  schedule(options?: StartOptions): Promise<ScheduleHandle>;
  /**
   * The plan of the next run as plain JSON, without running anything: tasks in order with their
   * ids, groups and resolved options, and the mode a run without `mode` uses.
   *
   * @example
   * ```ts
   * for (const t of flow.describe().tasks) console.log(t.taskId, t.group, t.options.retry);
   * ```
   */
  describe(): WorkflowPlanJson;
  /** The last run's tasks (not started ones before any run). */
  resultTask(): readonly Task[];
  /** The last run's current contexts, one per task. */
  resultContext(): readonly Context[];
  /** The last run's results (`currentContext.storage`), one per task. */
  resultStorage(): readonly unknown[];
  /** The last run as plain JSON. */
  result(): WorkflowJson;
}
