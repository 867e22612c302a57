import { systemClock, TaskStatus, WorkflowStatus, type Clock } from '@dotflow/core';
import { InvalidNotifyOptionsError } from '../errors/invalid-notify-options.error';

/**
 * How requests are sent: shared by `TelegramNotify`, `DiscordNotify` and `HttpServer`.
 *
 * @example
 * ```ts
 * const patient: DeliveryOptions = { timeoutMs: 2_000, retries: 4, retryDelayMs: 250, deadlineMs: 9_000 };
 * ```
 */
export interface DeliveryOptions {
  /** Limit of one request (connect, answer and body), in ms. @defaultValue 5_000 */
  readonly timeoutMs?: number;
  /**
   * Limit of one message's delivery, every attempt and wait included, in ms. Keep it under the
   * `Config`'s `observerQueue.timeoutMs` (10 s by default): past that, the queue stops waiting and
   * a later failure could not be logged. @defaultValue 9_000
   */
  readonly deadlineMs?: number;
  /** Further attempts after a network error, a timeout, an HTTP 429 or a 5xx (never after another 4xx). @defaultValue 2 */
  readonly retries?: number;
  /** Wait before the first retry, in ms; it doubles after each retry, up to 30 s. @defaultValue 500 */
  readonly retryDelayMs?: number;
  /**
   * Longest wait honoured when a service answers 429 with `retry_after` / `Retry-After`; a
   * longer one gives the message up at once (lower the rate with `throttle`). @defaultValue 10_000
   */
  readonly maxRetryAfterMs?: number;
  /** Time and timers of the retry waits and throttle windows (a `VirtualClock` in tests). @defaultValue systemClock */
  readonly clock?: Clock;
}

/**
 * At most `max` messages per `windowMs` per workflow; what is held back goes out as one digest.
 *
 * @example
 * ```ts
 * const throttle: ThrottleOptions = { windowMs: 60_000, max: 10 }; // 10 a minute per workflow
 * ```
 */
export interface ThrottleOptions {
  /** The window's length in ms, from the first message a workflow sends in it. */
  readonly windowMs: number;
  /** Messages sent per window and workflow before the rest are held back. */
  readonly max: number;
}

/**
 * What a chat notifier sends: shared by `TelegramNotify` and `DiscordNotify`.
 *
 * @example
 * ```ts
 * const everything: ChatNotifyOptions = { statuses: 'all', workflowStatuses: 'all', showResult: true };
 * ```
 */
export interface ChatNotifyOptions extends DeliveryOptions {
  /** The task statuses that send a message (`'all'` for every one). @defaultValue ['Failed'] */
  readonly statuses?: readonly TaskStatus[] | 'all';
  /** The workflow statuses that send a message (`'all'` for every one; `[]` for none). @defaultValue ['Completed', 'Failed', 'Cancelled'] */
  readonly workflowStatuses?: readonly WorkflowStatus[] | 'all';
  /** Adds the task's result (the `storage` of `Completed` and `Skipped` events) as a JSON block. @defaultValue false */
  readonly showResult?: boolean;
  /** Holds back bursts; off when left out. @defaultValue undefined */
  readonly throttle?: ThrottleOptions;
}

/** {@link DeliveryOptions} with every default filled in. @internal */
export interface ResolvedDelivery {
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly clock: Clock;
}

/** {@link ChatNotifyOptions} with every default filled in. @internal */
export interface ResolvedChatOptions extends ResolvedDelivery {
  readonly statuses: ReadonlySet<string> | 'all';
  readonly workflowStatuses: ReadonlySet<string> | 'all';
  readonly showResult: boolean;
  readonly throttle: ThrottleOptions | undefined;
}

const FINAL_WORKFLOW: readonly WorkflowStatus[] = [WorkflowStatus.Completed, WorkflowStatus.Failed, WorkflowStatus.Cancelled];

/** A value as an error message shows it. @internal */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** An integer option ≥ `min`, or its default when left out (required when it has none). @internal */
export function integerOption(provider: string, option: string, value: unknown, min: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidNotifyOptionsError(provider, option, shown(value), `must be an integer ≥ ${min}`);
  }
  return value;
}

/** A required non-empty string that is a secret: its value never reaches a message. @internal */
export function secretOption(provider: string, option: string, value: unknown, fix: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    const given = typeof value === 'string' ? 'an empty string' : shown(value);
    throw new InvalidNotifyOptionsError(provider, option, given, `must be a non-empty string (${fix})`);
  }
  return value;
}

/** An `http:` or `https:` URL, parsed; `secret` hides the value in the error. @internal */
export function urlOption(provider: string, option: string, value: unknown, secret: boolean): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InvalidNotifyOptionsError(provider, option, secret ? '(hidden: it is a secret)' : shown(value), 'must be an http: or https: URL');
  }
  return url;
}

/** The delivery options with their defaults. @internal */
export function resolveDelivery(provider: string, options: DeliveryOptions): ResolvedDelivery {
  const clock = options.clock ?? systemClock;
  if (typeof clock.now !== 'function' || typeof clock.setTimeout !== 'function' || typeof clock.clearTimeout !== 'function') {
    throw new InvalidNotifyOptionsError(provider, 'clock', shown(clock), 'must have now(), setTimeout() and clearTimeout()');
  }
  return {
    timeoutMs: integerOption(provider, 'timeoutMs', options.timeoutMs, 1, 5_000),
    deadlineMs: integerOption(provider, 'deadlineMs', options.deadlineMs, 1, 9_000),
    retries: integerOption(provider, 'retries', options.retries, 0, 2),
    retryDelayMs: integerOption(provider, 'retryDelayMs', options.retryDelayMs, 0, 500),
    maxRetryAfterMs: integerOption(provider, 'maxRetryAfterMs', options.maxRetryAfterMs, 0, 10_000),
    clock,
  };
}

/** The chat options with their defaults. @internal */
export function resolveChatOptions(provider: string, options: ChatNotifyOptions): ResolvedChatOptions {
  const throttle = options.throttle;
  if (throttle !== undefined) {
    if (typeof throttle !== 'object' || throttle === null) {
      throw new InvalidNotifyOptionsError(provider, 'throttle', shown(throttle), 'must be { windowMs, max }');
    }
    integerOption(provider, 'throttle.windowMs', throttle.windowMs, 1);
    integerOption(provider, 'throttle.max', throttle.max, 1);
  }
  return {
    ...resolveDelivery(provider, options),
    statuses: statusSet(provider, 'statuses', options.statuses, Object.values(TaskStatus), [TaskStatus.Failed]),
    workflowStatuses: statusSet(provider, 'workflowStatuses', options.workflowStatuses, Object.values(WorkflowStatus), FINAL_WORKFLOW),
    showResult: options.showResult === true,
    throttle: throttle === undefined ? undefined : { windowMs: throttle.windowMs, max: throttle.max },
  };
}

function statusSet(provider: string, option: string, value: unknown, known: readonly string[], fallback: readonly string[]): ReadonlySet<string> | 'all' {
  if (value === 'all') return 'all';
  const list = value === undefined ? fallback : value;
  if (!Array.isArray(list)) throw new InvalidNotifyOptionsError(provider, option, shown(value), `must be 'all' or an array of ${known.map((s) => `'${s}'`).join(', ')}`);
  for (const status of list as unknown[]) {
    if (typeof status !== 'string' || !known.includes(status)) {
      throw new InvalidNotifyOptionsError(provider, option, shown(status), `must list only ${known.map((s) => `'${s}'`).join(', ')}`);
    }
  }
  return new Set(list as string[]);
}
