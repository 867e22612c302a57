import { encodeValue } from '../checkpoint/value-codec';
import type { DotflowEvent } from '../events/dotflow-event';
import { prepareCheckpoints, type CheckpointWriter } from '../executor/checkpoints';
import type { RunJob, RunRequest, StartedRun } from '../executor/executor';
import { selectMode } from '../executor/modes/select-mode';
import type { EventListener } from '../executor/run-emitter';
import { WorkflowRun } from '../executor/workflow-run';
import type { NormalizedStartOptions } from '../options/start-options';
import type { TaskDefinition } from '../plan/task-definition';
import type { Config } from '../providers/config';
import { WorkflowStatus } from '../status/workflow-status';
import type { WorkflowResult } from '../task/workflow-result';

/** Everything one run of a workflow needs, decided before it is submitted. */
export interface RunPlan {
  readonly workflowId: string;
  readonly runId: string;
  readonly name: string;
  readonly config: Config;
  readonly tasks: readonly TaskDefinition[];
  readonly options: NormalizedStartOptions;
  /** With `resume`: the fingerprint of the initial contexts. */
  readonly fingerprint: string | undefined;
  readonly listeners: readonly EventListener[];
  readonly writer: CheckpointWriter;
  /** Called when the run is created (before its first event), and when it ended with its result. */
  readonly track: (run: WorkflowRun, result?: WorkflowResult) => void;
  /** Aborted when the caller gives up on the run (`run$()` unsubscribed). */
  readonly signal: AbortSignal | undefined;
  /** Called once, right before the run's first event. */
  readonly onStart: (() => void) | undefined;
}

/**
 * A run as handed to an executor: its JSON request, its event sink, and `runHere()`, which claims,
 * prepares and starts it in this process.
 */
export class LocalRunJob implements RunJob {
  public constructor(private readonly plan: RunPlan) {}

  public get signal(): AbortSignal | undefined {
    return this.plan.signal;
  }

  public get request(): RunRequest {
    const { workflowId, runId, name, options } = this.plan;
    return {
      workflow: name,
      workflowId,
      runId,
      options: {
        mode: options.mode,
        keepGoing: options.keepGoing,
        resume: options.resume,
        onInputChange: options.onInputChange,
        initialContext: encodeValue(options.initialContext, 'the initial context of the run'),
        concurrency: Number.isFinite(options.concurrency) ? options.concurrency : null,
      },
    };
  }

  public emit(event: DotflowEvent): void {
    const { listeners, config } = this.plan;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        config.reporter('an events subscriber threw', error);
      }
    }
  }

  public async runHere(): Promise<StartedRun> {
    const { config, workflowId, runId, tasks, options, fingerprint, listeners, writer, track } = this.plan;
    const clock = config.clock;
    const now = (): Date => new Date(clock.now());
    const prepared = await prepareCheckpoints(config.storage, workflowId, tasks, options, fingerprint, now);
    const observers = config.observerSet;
    const run = new WorkflowRun(
      {
        workflowId, runId, name: this.plan.name, clock, tasks, listeners,
        report: config.reporter,
        invoker: config.invoker,
        around: observers.around.length > 0 ? observers : undefined,
        restored: prepared.restored,
        writer,
      },
      options,
    );
    track(run);
    const signal = this.plan.signal;
    if (signal !== undefined) {
      // synchronously, so a subscriber that unsubscribes on the first event stops the run there
      if (signal.aborted) run.cancel();
      else signal.addEventListener('abort', () => run.cancel(), { once: true });
    }
    const execute = async (): Promise<WorkflowResult> => {
      const startMs = Date.now(); // wall time: the clock may be what breaks
      let result: WorkflowResult;
      try {
        this.plan.onStart?.();
        result = await run.execute(selectMode(options.mode, tasks));
      } catch (error) {
        result = this.#brokeDown(run, error, startMs);
      }
      try {
        await prepared.release();
      } catch (error) {
        config.reporter(`releasing the claim of workflow '${workflowId}' failed`, error);
      }
      track(run, result);
      return result;
    };
    const done = options.mode === 'background'
      // A macrotask: the caller gets the handle before any step runs, even a synchronous one.
      ? new Promise<WorkflowResult>((resolve) => setImmediate(() => resolve(execute())))
      : execute();
    return { runId, done, cancel: () => run.cancel() };
  }

  /**
   * The last resort of `start()` and `done`, which never reject once a run began: a run that broke
   * down inside Dotflow (a bug, or a provider such as the clock throwing) is logged and ends
   * `Failed`; its tasks keep the status they had when it broke down.
   */
  #brokeDown(run: WorkflowRun, error: unknown, startMs: number): WorkflowResult {
    const { workflowId, runId, name, config } = this.plan;
    config.reporter(`the run of workflow '${workflowId}' broke down and ends Failed`, error);
    run.status = WorkflowStatus.Failed;
    return { workflowId, runId, name, status: run.status, tasks: run.tasks, duration: Date.now() - startMs };
  }
}
