/** An opaque timer handle. */
export type TimerHandle = unknown;

/**
 * Time as the executor sees it: swap it for a virtual clock in tests of retry, backoff and timeout.
 *
 * @example
 * ```ts
 * const config = new Config({ clock: myVirtualClock });
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch (fractional allowed). */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock. `now()` has sub-millisecond precision; timers are the global ones, looked up
 * at call time so jest's fake timers apply.
 */
const origin = performance.timeOrigin;

export const systemClock: Clock = Object.freeze({
  now: () => origin + performance.now(),
  setTimeout: (callback: () => void, ms: number): TimerHandle => setTimeout(callback, ms),
  clearTimeout: (handle: TimerHandle): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
});
