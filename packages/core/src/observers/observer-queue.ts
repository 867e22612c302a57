import type { DotflowEvent } from '../events/dotflow-event';
import { isThenable } from '../internal/is-thenable';
import { NO_ERROR, type ErrorReporter } from '../providers/error-reporter';
import type { Observer } from '../providers/observer';

/** Limits of each observer's queue. */
export interface ObserverQueueOptions {
  /** Events held for one observer at most; past it, new events are dropped (counted, logged once). @defaultValue 100_000 */
  readonly capacity?: number;
  /** How long one `onEvent` (or `flush`, `close`) promise is awaited before the queue moves on. @defaultValue 10_000 */
  readonly timeoutMs?: number;
}

/** The defaults of {@link ObserverQueueOptions}. */
export const OBSERVER_QUEUE_DEFAULTS: Required<ObserverQueueOptions> = Object.freeze({ capacity: 100_000, timeoutMs: 10_000 });

/** A timeout's outcome: distinct from anything a promise resolves with. */
const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * Waits for `promise` at most `ms` (on a real, unref'd timer: it never keeps a process alive).
 * Resolves `TIMED_OUT` on expiry; rejects as the promise does.
 */
export function within<T>(promise: PromiseLike<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  return new Promise<T | typeof TIMED_OUT>((resolve, reject) => {
    const timer = setTimeout(() => resolve(TIMED_OUT), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what the observer rejected with
        reject(error);
      },
    );
  });
}

/**
 * One observer's queue: events are delivered in order, one at a time (a returned promise is
 * awaited, at most `timeoutMs`), in a microtask after they were pushed, so the run never waits
 * for the observer. A throw or rejection is reported and delivery goes on.
 */
export class ObserverQueue {
  #events: (DotflowEvent | undefined)[] = [];
  #head = 0;
  #delivering = false;
  #dropped = 0;
  #idle: (() => void)[] = [];

  public constructor(
    public readonly observer: Observer,
    /** The observer's role in its `Config` (`notify`, `observers[2]`…), for log lines. */
    public readonly role: string,
    private readonly options: Required<ObserverQueueOptions>,
    private readonly report: ErrorReporter,
  ) {}

  /** Events dropped because the queue was full. */
  public get dropped(): number {
    return this.#dropped;
  }

  /** Events waiting (not counting the one being delivered). */
  public get size(): number {
    return this.#events.length - this.#head;
  }

  /** Queues an event; never throws, never waits. */
  public push(event: DotflowEvent): void {
    if (this.size >= this.options.capacity) {
      if (this.#dropped++ === 0) {
        this.report(`${this.role} is ${this.options.capacity} events behind; its new events are dropped (counted in its queue's "dropped") until it catches up`, NO_ERROR, 'warn');
      }
      return;
    }
    this.#events.push(event);
    if (!this.#delivering) {
      this.#delivering = true;
      queueMicrotask(() => void this.#drain());
    }
  }

  /** Resolves once every event pushed so far was delivered (or given up), then the observer's own `flush`. */
  public async flush(): Promise<void> {
    if (this.#delivering) await new Promise<void>((resolve) => this.#idle.push(resolve));
    await this.#call('flush');
  }

  /** Flushes, then the observer's own `close`. */
  public async close(): Promise<void> {
    if (this.#delivering) await new Promise<void>((resolve) => this.#idle.push(resolve));
    await this.#call('close');
  }

  async #drain(): Promise<void> {
    while (this.#head < this.#events.length) {
      const event = this.#events[this.#head] as DotflowEvent;
      this.#events[this.#head++] = undefined;
      let pending: unknown;
      try {
        pending = this.observer.onEvent(event);
      } catch (error) {
        this.report(`${this.role}.onEvent threw`, error);
        continue;
      }
      if (isThenable(pending)) await this.#settle(pending, 'onEvent');
    }
    this.#events = [];
    this.#head = 0;
    this.#delivering = false;
    const idle = this.#idle;
    this.#idle = [];
    for (const resolve of idle) resolve();
  }

  async #call(method: 'flush' | 'close'): Promise<void> {
    const observer = this.observer;
    if (typeof observer[method] !== 'function') return;
    let pending: unknown;
    try {
      pending = method === 'flush' ? observer.flush?.() : observer.close?.();
    } catch (error) {
      this.report(`${this.role}.${method} threw`, error);
      return;
    }
    if (isThenable(pending)) await this.#settle(pending, method);
  }

  async #settle(pending: PromiseLike<unknown>, method: string): Promise<void> {
    try {
      if ((await within(pending, this.options.timeoutMs)) === TIMED_OUT) {
        this.report(`${this.role}.${method} did not settle within ${this.options.timeoutMs} ms; moving on`, NO_ERROR, 'warn');
      }
    } catch (error) {
      this.report(`${this.role}.${method} threw`, error);
    }
  }
}
