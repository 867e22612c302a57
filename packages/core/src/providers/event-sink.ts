import type { DotflowEvent } from '../events/dotflow-event';

/**
 * A provider that observes a run's events. It is called synchronously as each event happens;
 * a returned promise is not awaited. A sink that throws or rejects is logged and never breaks
 * the run: do slow work (network calls) asynchronously.
 */
export interface EventSink {
  onEvent(event: DotflowEvent): void | Promise<void>;
}

/** Sends status changes to people (chat, mail…). */
export type Notify = EventSink;
/** Records spans for runs and tasks. */
export type Tracer = EventSink;
/** Records counters and durations. */
export type Metrics = EventSink;
/** Reports runs and tasks to a Dotflow server. */
export type Server = EventSink;

/**
 * A sink that ignores every event: the default of notify, tracer, metrics and server. The executor
 * leaves instances of it (and of its subclasses) out of the hot path.
 */
export class NoopSink implements EventSink {
  public onEvent(): void {}
}

/** The default `notify`: sends nothing. */
export class NoopNotify extends NoopSink {}
/** The default `tracer`: records nothing. */
export class NoopTracer extends NoopSink {}
/** The default `metrics`: records nothing. */
export class NoopMetrics extends NoopSink {}
/** The default `server`: reports nothing. */
export class NoopServer extends NoopSink {}
