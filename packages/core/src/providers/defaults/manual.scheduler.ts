import type { WorkflowResult } from '../../task/workflow-result';
import type { ScheduleHandle, ScheduleTarget, Scheduler, StopOptions } from '../scheduler';
import { RunningTriggers } from './running-triggers';

const DEFAULT_GRACE_MS = 30_000;

/**
 * The default scheduler: runs only when told to. `trigger()` starts one run of every workflow
 * scheduled on it; useful in tests and for "run now" buttons.
 *
 * @example
 * ```ts
 * const scheduler = new ManualScheduler();
 * const handle = await flow.schedule(); // with config.scheduler = scheduler
 * await scheduler.trigger();            // one run of each scheduled workflow
 * await handle.stop();
 * ```
 */
export class ManualScheduler implements Scheduler {
  readonly #targets = new Map<ScheduleTarget, RunningTriggers>();

  /** Keeps `target` until its handle is stopped: each `trigger()` runs it once. Its handle has no `nextRun()`. */
  public start(target: ScheduleTarget): ScheduleHandle {
    const running = new RunningTriggers(target.clock);
    this.#targets.set(target, running);
    return {
      workflowId: target.workflowId,
      nextRun: () => undefined,
      stop: (options?: StopOptions) => {
        this.#targets.delete(target);
        return running.stop(options?.graceMs ?? DEFAULT_GRACE_MS);
      },
    };
  }

  public async stop(options?: StopOptions): Promise<void> {
    const all = [...this.#targets.values()];
    this.#targets.clear();
    await Promise.all(all.map((running) => running.stop(options?.graceMs ?? DEFAULT_GRACE_MS)));
  }

  /**
   * Starts one run of each scheduled workflow, due at `scheduledAt`, and resolves with their
   * results when they all end.
   *
   * @param scheduledAt - when the trigger was due. @defaultValue now, on each workflow's clock
   */
  public trigger(scheduledAt?: Date): Promise<WorkflowResult[]> {
    return Promise.all([...this.#targets].map(([target, running]) => running.trigger(target, scheduledAt ?? new Date(target.clock.now()))));
  }
}
