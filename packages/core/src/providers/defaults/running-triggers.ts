import { systemClock, type Clock, type TimerHandle } from '../clock';
import type { ScheduleTarget, TriggerOptions } from '../scheduler';
import type { WorkflowResult } from '../../task/workflow-result';

/**
 * The runs a scheduler has going on, for a bounded stop: `stop(graceMs)` waits for them up to
 * `graceMs` on the given clock (a `VirtualClock` in tests), then cancels what is still running
 * at once and waits for it to end.
 *
 * @example
 * ```ts
 * const running = new RunningTriggers(target.clock);
 * const result = await running.trigger(target, new Date(target.clock.now()));
 * await running.stop(5_000);
 * ```
 */
export class RunningTriggers {
  readonly #runs = new Map<Promise<void>, AbortController>();

  /** @param clock - times the grace of {@link RunningTriggers.stop}. @defaultValue systemClock */
  public constructor(private readonly clock: Clock = systemClock) {}

  /** How many runs are going on. */
  public get size(): number {
    return this.#runs.size;
  }

  /**
   * Triggers `target` and tracks the run until it ends. The returned promise settles after the run
   * has left {@link RunningTriggers.size}, so a reaction to it sees the run gone; a `trigger()`
   * that throws instead of rejecting is a rejection too.
   */
  public trigger(target: ScheduleTarget, scheduledAt: Date, options: Omit<TriggerOptions, 'signal'> = {}): Promise<WorkflowResult> {
    const controller = new AbortController();
    const start = async (): Promise<WorkflowResult> => target.trigger(scheduledAt, { ...options, signal: controller.signal });
    let ended!: () => void;
    const tracked = new Promise<void>((resolve) => { ended = resolve; });
    this.#runs.set(tracked, controller);
    return start().finally(() => {
      this.#runs.delete(tracked);
      ended();
    });
  }

  /** Waits up to `graceMs` (on the clock) for the runs going on, then cancels the rest at once and waits for them to end. */
  public async stop(graceMs: number): Promise<void> {
    const all = (): Promise<unknown> => Promise.all([...this.#runs.keys()]);
    if (this.#runs.size === 0) return;
    if (graceMs > 0) {
      let timer: { readonly handle: TimerHandle } | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = { handle: this.clock.setTimeout(resolve, graceMs) };
      });
      await Promise.race([all(), graceOver]);
      if (timer !== undefined) this.clock.clearTimeout(timer.handle);
    }
    // cancelled at once, not a timer turn later: on a virtual clock a step could still finish meanwhile
    for (const controller of this.#runs.values()) controller.abort();
    await all();
  }
}
