import type { Observer } from './observer';

/** An {@link Observer}: the name of the observing providers' interface before observers had a lifecycle. */
export type EventSink = Observer;
/** Sends status changes to people (chat, mail…): an {@link Observer}. */
export type Notify = Observer;
/** Records spans for runs and tasks (usually with `aroundAttempt`): an {@link Observer}. */
export type Tracer = Observer;
/** Records counters and durations: an {@link Observer}. */
export type Metrics = Observer;
/** Reports runs and tasks to a Dotflow server: an {@link Observer}. */
export type Server = Observer;

/**
 * An observer that ignores every event: the default of notify, tracer, metrics and server. The
 * executor leaves out an observer whose `onEvent` is this class's own (a subclass that overrides
 * `onEvent`, or adds `aroundAttempt`, is kept).
 *
 * @example
 * ```ts
 * class Counter extends NoopSink {
 *   public count = 0;
 *   public override onEvent(): void { this.count++; }
 * }
 * ```
 */
export class NoopSink implements Observer {
  public onEvent(): void {}
}

/**
 * The default `notify`: sends nothing.
 *
 * @example
 * ```ts
 * new Config({ notify: new NoopNotify() }); // the same as leaving `notify` out
 * ```
 */
export class NoopNotify extends NoopSink {}
/**
 * The default `tracer`: records nothing.
 *
 * @example
 * ```ts
 * new Config({ tracer: process.env.OTEL ? new OpenTelemetryTracer() : new NoopTracer() });
 * ```
 */
export class NoopTracer extends NoopSink {}
/**
 * The default `metrics`: records nothing.
 *
 * @example
 * ```ts
 * new Config({ metrics: new NoopMetrics() }); // the same as leaving `metrics` out
 * ```
 */
export class NoopMetrics extends NoopSink {}
/**
 * The default `server`: reports nothing.
 *
 * @example
 * ```ts
 * new Config({ server: process.env.SERVER_USER_TOKEN ? new HttpServer() : new NoopServer() });
 * ```
 */
export class NoopServer extends NoopSink {}

/** True when an observer does nothing at all (so the run can leave it out). */
export function isNoop(observer: Observer): boolean {
  return observer.onEvent === NoopSink.prototype.onEvent && observer.aroundAttempt === undefined;
}
