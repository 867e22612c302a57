import type { DotflowEvent } from '../events/dotflow-event';

/** What an {@link Observer}'s `aroundAttempt` knows of the attempt it wraps. */
export interface AttemptInfo {
  /** The workflow's id. */
  readonly workflowId: string;
  /** The run's id (UUID v7). */
  readonly runId: string;
  /** The task's id. */
  readonly taskId: string;
  /** The task's name. */
  readonly name: string;
  /** The task's group. */
  readonly group: string;
  /** 1 for the first attempt, 2 for the first retry… */
  readonly attempt: number;
  /** The attempt's signal (aborted on timeout or cancel). */
  readonly signal: AbortSignal;
}

/**
 * Something that watches runs: notifications, traces, metrics, a server, a dashboard. `notify`,
 * `tracer`, `metrics`, `server` and `observers` of a {@link Config} are all observers.
 *
 * Events reach each observer in order through a bounded queue of its own, after the run has moved
 * on: a slow, throwing or hanging observer never delays the run or another observer. A returned
 * promise is awaited before the next event is delivered (at most the queue's `timeoutMs`); when
 * the queue is full, events are dropped, counted and logged once.
 *
 * @example
 * ```ts
 * const audit: Observer = {
 *   async onEvent(e) { if (e.type === 'workflow') await db.insert('runs', { runId: e.runId, status: e.status }); },
 *   aroundAttempt: (info, next) => als.run({ runId: info.runId }, next), // visible inside the step
 * };
 * new Config({ observers: [audit] });
 * ```
 */
export interface Observer {
  /** Receives every event of every run, in order. */
  onEvent(event: DotflowEvent): void | Promise<void>;
  /**
   * Optional: wraps every attempt of every step (a trace context, a Sentry scope, an
   * `AsyncLocalStorage` value set here is visible inside the step). Must call `next()` once and
   * return what it resolves with. One that throws before calling `next()` is logged and the
   * attempt runs without it.
   */
  aroundAttempt?<T>(attempt: AttemptInfo, next: () => Promise<T>): Promise<T>;
  /** Optional: resolves when what it received so far is delivered, or given up after its timeout. */
  flush?(): Promise<void>;
  /** Optional: flushes and releases what it holds (connections, timers). */
  close?(): Promise<void>;
}

/** One observer or several (each role of a {@link Config} takes either). */
export type Observers = Observer | readonly Observer[];
