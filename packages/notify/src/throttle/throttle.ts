import type { Clock, TimerHandle } from '@dotflow/core';
import type { ThrottleOptions } from '../options/notify-options';
import type { Digest } from '../render/text';

interface Window {
  sent: number;
  held: Map<string, number>;
  readonly timer: TimerHandle;
}

/** Lets a timer not keep the process alive (Node's timers; a virtual clock's handles have no `unref`). @internal */
export function unref(handle: TimerHandle): void {
  const timer = handle as { unref?: unknown } | null;
  if (typeof timer === 'object' && timer !== null && typeof timer.unref === 'function') (timer as { unref(): void }).unref();
}

/**
 * At most `max` messages per window per workflow. A window opens with a workflow's first message
 * and lasts `windowMs`; past `max`, messages are held back and counted by label; when the window
 * ends, or on `flush()`, what was held goes to `digest` as one {@link Digest}. Its timers are
 * unref'd and cleared by `stop()`.
 * @internal
 */
export class Throttle {
  readonly #windows = new Map<string, Window>();

  public constructor(
    private readonly options: ThrottleOptions,
    private readonly clock: Clock,
    private readonly digest: (digest: Digest) => void,
  ) {}

  /** Windows open now. */
  public get open(): number {
    return this.#windows.size;
  }

  /** True when a message of this workflow may go now; false when it was held back (and counted as `label`). */
  public admit(workflowId: string, label: string): boolean {
    let window = this.#windows.get(workflowId);
    if (window === undefined) {
      const timer = this.clock.setTimeout(() => this.#end(workflowId), this.options.windowMs);
      unref(timer);
      window = { sent: 0, held: new Map(), timer };
      this.#windows.set(workflowId, window);
    }
    if (window.sent < this.options.max) {
      window.sent++;
      return true;
    }
    window.held.set(label, (window.held.get(label) ?? 0) + 1);
    return false;
  }

  /** Sends a digest of what every open window held so far; the windows go on. */
  public flush(): void {
    for (const [workflowId, window] of this.#windows) this.#send(workflowId, window);
  }

  /** Clears every window and timer (what was held and not flushed is forgotten). */
  public stop(): void {
    for (const window of this.#windows.values()) this.clock.clearTimeout(window.timer);
    this.#windows.clear();
  }

  #end(workflowId: string): void {
    const window = this.#windows.get(workflowId);
    if (window === undefined) return;
    this.#windows.delete(workflowId);
    this.#send(workflowId, window);
  }

  #send(workflowId: string, window: Window): void {
    if (window.held.size === 0) return;
    const counts = [...window.held].sort((a, b) => b[1] - a[1]); // stable: equal counts keep first-held order
    window.held = new Map();
    this.digest({ workflowId, held: counts.reduce((n, [, c]) => n + c, 0), counts, throttle: this.options });
  }
}
