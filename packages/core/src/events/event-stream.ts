import { Observable, Subscriber, type Observer, type Subscription, type TeardownLogic } from 'rxjs';

/**
 * An Observable whose direct subscribers may throw: an error thrown by a callback given to
 * `subscribe()` is handed to `onError` (Dotflow logs it) and the stream goes on. A plain RxJS
 * Subject would rethrow it on a timer and crash the process. Errors inside a subscriber's own
 * operator chain (`pipe(...)`) follow RxJS's rules.
 */
export class EventStream<T> extends Observable<T> {
  public constructor(
    subscribe: (subscriber: Subscriber<T>) => TeardownLogic,
    private readonly onError: (error: unknown) => void,
  ) {
    super(subscribe);
  }

  public override subscribe(
    observerOrNext?: Partial<Observer<T>> | ((value: T) => void) | null,
    error?: ((error: unknown) => void) | null,
    complete?: (() => void) | null,
  ): Subscription {
    if (observerOrNext instanceof Subscriber) return super.subscribe(observerOrNext);
    const observer: Partial<Observer<T>> =
      typeof observerOrNext === 'function' || observerOrNext == null
        ? { next: observerOrNext ?? undefined, error: error ?? undefined, complete: complete ?? undefined }
        : observerOrNext;
    return super.subscribe(this.guard(observer));
  }

  private guard(observer: Partial<Observer<T>>): Partial<Observer<T>> {
    const onError = this.onError;
    const call = <A extends unknown[]>(fn: ((...args: A) => void) | undefined, ...args: A): void => {
      if (!fn) return;
      try {
        fn.apply(observer, args);
      } catch (e) {
        onError(e);
      }
    };
    return {
      next: (value: T) => call(observer.next, value),
      error: (err: unknown) => (observer.error ? call(observer.error, err) : onError(err)),
      complete: () => call(observer.complete),
    };
  }
}

/**
 * A hot multicast of events (the `events$` of a workflow): every subscriber sees what is emitted
 * while it is subscribed. Never completes.
 */
export class EventHub<T> {
  private subscribers: readonly Subscriber<T>[] = [];
  /** The hot stream. */
  public readonly stream: EventStream<T>;

  public constructor(onError: (error: unknown) => void) {
    this.stream = new EventStream<T>((subscriber) => {
      this.subscribers = [...this.subscribers, subscriber];
      return () => {
        this.subscribers = this.subscribers.filter((s) => s !== subscriber);
      };
    }, onError);
  }

  public next(value: T): void {
    const subscribers = this.subscribers;
    for (let i = 0; i < subscribers.length; i++) (subscribers[i] as Subscriber<T>).next(value);
  }
}
