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
  /** Calls `callback` once, after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer that has not fired yet (a handle that already fired or was cleared is ignored). */
  clearTimeout(handle: TimerHandle): void;
  /** Optional: a uniform draw from [0, 1) for backoff jitter (a seeded one makes jitter reproducible). @defaultValue Math.random */
  random?(): number;
}

const origin = performance.timeOrigin;

/**
 * The real clock, the default of `Config.clock`. `now()` has sub-millisecond precision; timers
 * are the global ones, looked up at call time so jest's fake timers apply.
 *
 * @example
 * ```ts
 * const started = systemClock.now();
 * ```
 */
export const systemClock: Clock = Object.freeze({
  now: () => origin + performance.now(),
  setTimeout: (callback: () => void, ms: number): TimerHandle => setTimeout(callback, ms),
  clearTimeout: (handle: TimerHandle): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
});
