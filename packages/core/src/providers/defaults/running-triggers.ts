import type { ScheduleTarget, TriggerOptions } from '../scheduler';
import type { WorkflowResult } from '../../task/workflow-result';

/**
 * The runs a scheduler has going on, for a bounded stop: `stop(graceMs)` waits for them, then
 * cancels what is still running and waits for it to end.
 *
 * @example
 * ```ts
 * const running = new RunningTriggers();
 * const result = await running.trigger(target, new Date());
 * await running.stop(5_000);
 * ```
 */
export class RunningTriggers {
  readonly #runs = new Map<Promise<unknown>, AbortController>();

  /** How many runs are going on. */
  public get size(): number {
    return this.#runs.size;
  }

  /** Triggers `target` and tracks the run until it ends. */
  public trigger(target: ScheduleTarget, scheduledAt: Date, options: Omit<TriggerOptions, 'signal'> = {}): Promise<WorkflowResult> {
    const controller = new AbortController();
    const run = target.trigger(scheduledAt, { ...options, signal: controller.signal });
    const tracked = run.then(noop, noop);
    this.#runs.set(tracked, controller);
    void tracked.then(() => this.#runs.delete(tracked));
    return run;
  }

  /** Waits up to `graceMs` for the runs going on, then cancels the rest and waits for them to end. */
  public async stop(graceMs: number): Promise<void> {
    const all = (): Promise<unknown> => Promise.all([...this.#runs.keys()]);
    if (this.#runs.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, graceMs));
    });
    await Promise.race([all(), graceOver]);
    clearTimeout(timer);
    for (const controller of this.#runs.values()) controller.abort();
    await all();
  }
}

function noop(): void {}
