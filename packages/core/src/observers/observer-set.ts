import type { DotflowEvent } from '../events/dotflow-event';
import { NO_ERROR, type ErrorReporter } from '../providers/error-reporter';
import { isNoop } from '../providers/event-sink';
import type { AttemptInfo, Observer, Observers } from '../providers/observer';
import { OBSERVER_QUEUE_DEFAULTS, ObserverQueue, within, type ObserverQueueOptions } from './observer-queue';

/** An observer and the role it was given in a `Config` (for log lines). */
export interface RoleObserver {
  readonly role: string;
  readonly observer: Observer;
}

/** The observers of each role, flattened (`notify: [a, b]` gives `notify[0]`, `notify[1]`). */
export function listObservers(roles: readonly (readonly [string, Observers | undefined])[]): RoleObserver[] {
  const list: RoleObserver[] = [];
  for (const [role, value] of roles) {
    if (value === undefined) continue;
    if (Array.isArray(value)) (value as readonly Observer[]).forEach((observer, i) => list.push({ role: `${role}[${i}]`, observer }));
    else list.push({ role, observer: value as Observer });
  }
  return list;
}

/**
 * Every observer of a `Config`, each behind its own {@link ObserverQueue}. No-op observers are
 * left out, so a `Config` without observers costs the run nothing.
 */
export class ObserverSet {
  readonly #queues: readonly ObserverQueue[];
  /** The observers with `aroundAttempt`, outermost first. */
  public readonly around: readonly RoleObserver[];

  public constructor(observers: readonly RoleObserver[], options: ObserverQueueOptions | undefined, private readonly report: ErrorReporter) {
    const limits = { ...OBSERVER_QUEUE_DEFAULTS, ...options };
    const live = observers.filter((o) => !isNoop(o.observer));
    this.#queues = live.map((o) => new ObserverQueue(o.observer, o.role, limits, report));
    this.around = live.filter((o) => typeof o.observer.aroundAttempt === 'function');
  }

  /** True when no observer would see anything. */
  public get empty(): boolean {
    return this.#queues.length === 0;
  }

  /** Events dropped so far, by role. */
  public dropped(): Record<string, number> {
    return Object.fromEntries(this.#queues.map((q) => [q.role, q.dropped]));
  }

  /** Hands an event to every observer's queue. */
  public dispatch(event: DotflowEvent): void {
    const queues = this.#queues;
    for (let i = 0; i < queues.length; i++) (queues[i] as ObserverQueue).push(event);
  }

  /** Resolves when every observer delivered what it got (each bounded by its timeout), or after `timeoutMs` in all. */
  public flush(timeoutMs: number): Promise<void> {
    return this.#all((q) => q.flush(), timeoutMs, 'flush');
  }

  /** Flushes and closes every observer, or gives up after `timeoutMs` in all. */
  public close(timeoutMs: number): Promise<void> {
    return this.#all((q) => q.close(), timeoutMs, 'close');
  }

  /**
   * Runs `call` (one attempt) inside every `aroundAttempt`, outermost first. An observer that
   * throws or rejects before calling `next()` is reported and skipped; the attempt's outcome is
   * `call`'s, whatever the wrappers return, and is not held up by a wrapper that hangs after it.
   */
  public aroundAttempt(info: AttemptInfo, call: () => unknown): Promise<unknown> {
    let next = (): Promise<unknown> => {
      try {
        return Promise.resolve(call());
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what the step threw, as it is
        return Promise.reject(error);
      }
    };
    for (let i = this.around.length - 1; i >= 0; i--) {
      const { observer, role } = this.around[i] as RoleObserver;
      const inner = next;
      next = () => wrapOnce(observer, role, info, inner, this.report);
    }
    return next();
  }

  async #all(each: (queue: ObserverQueue) => Promise<void>, timeoutMs: number, what: string): Promise<void> {
    const done = Promise.all(this.#queues.map(each)).then(() => undefined);
    const outcome = await within(done, timeoutMs);
    if (outcome !== undefined) this.report(`Config.${what}() gave up after ${timeoutMs} ms; some observers had not finished`, NO_ERROR, 'warn');
  }
}

function wrapOnce(observer: Observer, role: string, info: AttemptInfo, inner: () => Promise<unknown>, report: ErrorReporter): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    let started: Promise<unknown> | undefined;
    const next = (): Promise<unknown> => {
      if (started === undefined) {
        started = inner();
        started.then(resolve, reject);
      }
      return started;
    };
    const skip = (error: unknown, what: string): void => {
      if (started !== undefined) return;
      report(`${role}.aroundAttempt ${what}; the attempt runs without it`, error);
      void next();
    };
    let wrapped: unknown;
    try {
      wrapped = (observer.aroundAttempt as NonNullable<Observer['aroundAttempt']>)(info, next);
    } catch (error) {
      skip(error, 'threw');
      return;
    }
    Promise.resolve(wrapped).then(
      () => skip(NO_ERROR, 'returned without calling next()'),
      (error: unknown) => skip(error, 'rejected'),
    );
  });
}
