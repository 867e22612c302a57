import type { Context } from '../context/context';
import type { StepContext, StepTaskInfo } from '../context/step-context';
import type { Clock, TimerHandle } from '../providers/clock';
import type { AttemptInfo } from '../providers/observer';

const ignore = (): void => {};

/**
 * The {@link StepContext} of one attempt. Its `signal` is made on first read only (most steps never
 * read it), already aborted if the attempt was interrupted before that.
 */
export class AttemptContext implements StepContext {
  private controller: AbortController | undefined;
  private reason: unknown;
  private interrupted = false;
  private rejectWait: ((reason: unknown) => void) | undefined;
  private timer: TimerHandle;
  private clock: Clock | undefined;

  public constructor(
    public readonly previousContext: Context,
    public readonly initialContext: Context,
    public readonly task: StepTaskInfo,
  ) {}

  public get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.interrupted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** What an observer's `aroundAttempt` sees of this attempt (its signal made only if read). */
  public info(runId: string): AttemptInfo {
    const { taskId, name, group, attempt, workflowId } = this.task;
    const signal = (): AbortSignal => this.signal;
    return {
      workflowId, runId, taskId, name, group, attempt,
      get signal(): AbortSignal {
        return signal();
      },
    };
  }

  /** Aborts the signal and stops the wait for the step's promise (timeout or cancel). Idempotent. */
  public interrupt(reason: unknown): void {
    if (this.interrupted) return;
    this.interrupted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const reject = this.rejectWait;
    this.release();
    reject?.(reason);
  }

  /**
   * Waits for the step's promise, at most `timeout` ms (0 = no limit): on expiry the attempt is
   * interrupted with `onTimeout()`. The timer is always cleared when the wait ends.
   */
  public wait<T>(promise: PromiseLike<T>, timeout: number, clock: Clock, onTimeout: () => unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.interrupted) {
        // The step cancelled its own run (or was cancelled) before it returned: nobody waits for
        // its promise any more, but a rejection of it must not go unhandled.
        promise.then(undefined, ignore);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrows the step's own reason
        reject(this.reason);
        return;
      }
      this.rejectWait = reject;
      this.clock = clock;
      if (timeout > 0) this.timer = clock.setTimeout(() => this.interrupt(onTimeout()), timeout);
      promise.then(
        (value) => {
          this.release();
          resolve(value);
        },
        (error: unknown) => {
          this.release();
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrows what the step threw
          reject(error);
        },
      );
    });
  }

  /** Clears the timer; call when the attempt is over, however it ended. */
  public release(): void {
    if (this.timer !== undefined) {
      this.clock?.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.rejectWait = undefined;
  }
}
