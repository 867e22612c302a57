import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { given } from './given';

/** Exponential backoff settings: `delay = min(retryDelay * factor^(attempt-1), maxDelay)`. */
export interface BackoffOptions {
  /** Growth factor of the delay per failed attempt. @defaultValue 2 */
  readonly factor?: number;
  /** Upper bound of one delay, in ms (a delay never exceeds {@link MAX_DELAY_MS} either). @defaultValue Infinity */
  readonly maxDelay?: number;
  /** Draw each delay uniformly from [0, delay] ("full jitter"). @defaultValue false */
  readonly jitter?: boolean;
}

/**
 * The options of `@Action()` and `action()`.
 *
 * @example
 * ```ts
 * @Action({ retry: 3, timeout: 5_000, retryDelay: 200, backoff: true })
 * async transform({ signal }: StepContext) { … }
 * ```
 */
export interface ActionOptions {
  /** Attempts in all (`retry: 3` = up to 3 attempts); an integer ≥ 1. @defaultValue 1 */
  readonly retry?: number;
  /** Time limit of one attempt in ms, at most {@link MAX_DELAY_MS}; 0 = none. On expiry the attempt's signal aborts. @defaultValue 0 */
  readonly timeout?: number;
  /** Wait before the next attempt, in ms, at most {@link MAX_DELAY_MS}. @defaultValue 1000 */
  readonly retryDelay?: number;
  /** `true` doubles the delay after each failed attempt; an object tunes it. @defaultValue false */
  readonly backoff?: boolean | BackoffOptions;
  /** The task's name, unique within a workflow; may not contain `#`. @defaultValue the method or function name */
  readonly name?: string;
  /** The task's group (see execution modes). @defaultValue 'default' */
  readonly group?: string;
  /**
   * `'worker'` runs each attempt in a `worker_threads` Worker, which a timeout or a cancel
   * terminates (for CPU-bound steps). The step must live at the top level of a module without
   * side effects; see the README. @defaultValue undefined (the step runs in the calling thread)
   */
  readonly isolate?: IsolateMode;
}

/** Where a step runs: `'worker'` = in a worker thread of its own, per attempt. */
export type IsolateMode = 'worker';

/** {@link ActionOptions} with every default applied. */
export interface ResolvedActionOptions {
  /** Attempts in all. */
  readonly retry: number;
  /** Time limit of one attempt in ms; 0 = none. */
  readonly timeout: number;
  /** Wait before the next attempt, in ms. */
  readonly retryDelay: number;
  /** The backoff, every field set, or null for none. */
  readonly backoff: Required<BackoffOptions> | null;
  /** The explicit task name, or undefined for the method or function name. */
  readonly name: string | undefined;
  /** The task's group. */
  readonly group: string;
  /** `'worker'`, or undefined to run in the calling thread. */
  readonly isolate: IsolateMode | undefined;
}

/** The defaults of {@link ActionOptions}. */
export const DEFAULT_ACTION_OPTIONS: ResolvedActionOptions = Object.freeze({
  retry: 1,
  timeout: 0,
  retryDelay: 1000,
  backoff: null,
  name: undefined,
  group: 'default',
  isolate: undefined,
});

const KNOWN = new Set(['retry', 'timeout', 'retryDelay', 'backoff', 'name', 'group', 'isolate']);
const KNOWN_BACKOFF = new Set(['factor', 'maxDelay', 'jitter']);

/**
 * The longest wait a timer can take (2^31 − 1 ms, about 24.8 days): Node fires a longer one after
 * 1 ms. `timeout` and `retryDelay` are bounded by it, and a backoff delay is capped at it.
 */
export const MAX_DELAY_MS = 2_147_483_647;

const isDelay = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_DELAY_MS;

/**
 * Validates options and applies defaults. `where` names the decorated thing in messages,
 * e.g. `@Action() on Etl.transform`.
 *
 * @throws InvalidActionOptionsError naming the option and its value.
 */
export function resolveActionOptions(options: unknown, where: string): ResolvedActionOptions {
  if (options === undefined) return DEFAULT_ACTION_OPTIONS;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidActionOptionsError(where, 'options', options, 'must be an object');
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) {
      throw new InvalidActionOptionsError(where, key, o[key], `is not an option (known: ${[...KNOWN].join(', ')})`);
    }
  }
  const retry = given(o, 'retry', 1);
  if (typeof retry !== 'number' || !Number.isInteger(retry) || retry < 1) {
    throw new InvalidActionOptionsError(where, 'retry', retry, 'must be an integer ≥ 1 (attempts in all)');
  }
  const timeout = given(o, 'timeout', 0);
  if (!isDelay(timeout)) {
    throw new InvalidActionOptionsError(where, 'timeout', timeout, `must be a number of ms from 0 to ${MAX_DELAY_MS} (0 = no limit)`);
  }
  const retryDelay = given(o, 'retryDelay', 1000);
  if (!isDelay(retryDelay)) {
    throw new InvalidActionOptionsError(where, 'retryDelay', retryDelay, `must be a number of ms from 0 to ${MAX_DELAY_MS}`);
  }
  const name = o['name'];
  if (name !== undefined && (typeof name !== 'string' || name.length === 0 || name.includes('#'))) {
    throw new InvalidActionOptionsError(where, 'name', name, 'must be a non-empty string without "#"');
  }
  const group = given(o, 'group', 'default');
  if (typeof group !== 'string' || group.length === 0) {
    throw new InvalidActionOptionsError(where, 'group', group, 'must be a non-empty string');
  }
  const isolate = o['isolate'];
  if (isolate !== undefined && isolate !== 'worker') {
    throw new InvalidActionOptionsError(
      where, 'isolate', isolate, "must be 'worker' (run the step in a worker thread) or left out (run it in the calling thread)",
    );
  }
  return Object.freeze({
    retry,
    timeout,
    retryDelay,
    backoff: resolveBackoff(o['backoff'], where),
    name,
    group,
    isolate,
  });
}

function resolveBackoff(value: unknown, where: string): Required<BackoffOptions> | null {
  if (value === undefined || value === false) return null;
  if (value === true) return { factor: 2, maxDelay: Infinity, jitter: false };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidActionOptionsError(where, 'backoff', value, 'must be a boolean or { factor?, maxDelay?, jitter? }');
  }
  const b = value as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (!KNOWN_BACKOFF.has(key)) {
      throw new InvalidActionOptionsError(where, `backoff.${key}`, b[key], 'is not a backoff option (known: factor, maxDelay, jitter)');
    }
  }
  const factor = given(b, 'factor', 2);
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 1) {
    throw new InvalidActionOptionsError(where, 'backoff.factor', factor, 'must be a number ≥ 1');
  }
  const maxDelay = given(b, 'maxDelay', Infinity);
  if (typeof maxDelay !== 'number' || Number.isNaN(maxDelay) || maxDelay < 0) {
    throw new InvalidActionOptionsError(where, 'backoff.maxDelay', maxDelay, 'must be a number of ms ≥ 0');
  }
  const jitter = given(b, 'jitter', false);
  if (typeof jitter !== 'boolean') {
    throw new InvalidActionOptionsError(where, 'backoff.jitter', jitter, 'must be a boolean');
  }
  return Object.freeze({ factor, maxDelay, jitter });
}

/**
 * The wait after failed attempt `attempt` (1-based): `retryDelay`, or with backoff
 * `min(retryDelay * factor^(attempt-1), maxDelay, MAX_DELAY_MS)`, drawn from [0, delay] with jitter.
 *
 * @param options - The step's options, defaults applied.
 * @param attempt - The attempt that failed, from 1.
 * @param random - Where jitter draws from, in [0, 1). @defaultValue Math.random
 * @example
 * ```ts
 * const options = { ...DEFAULT_ACTION_OPTIONS, retryDelay: 100, backoff: { factor: 2, maxDelay: Infinity, jitter: false } };
 * retryDelayFor(options, 3); // 400
 * ```
 */
export function retryDelayFor(options: ResolvedActionOptions, attempt: number, random: () => number = Math.random): number {
  const { backoff, retryDelay } = options;
  if (backoff === null) return retryDelay;
  const delay = Math.min(retryDelay * backoff.factor ** (attempt - 1), backoff.maxDelay, MAX_DELAY_MS);
  return backoff.jitter ? random() * delay : delay;
}
