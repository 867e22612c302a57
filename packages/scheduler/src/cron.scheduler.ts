import { Cron } from 'croner';
import { RunningTriggers, type Clock, type ScheduleHandle, type ScheduleTarget, type Scheduler, type StopOptions, type TimerHandle } from '@dotflow/core';
import { InvalidScheduleError } from './errors/invalid-schedule.error';

/**
 * What a {@link CronScheduler} does with a trigger that falls due while a run of the same
 * schedule is still going on (the reference's `overlap`):
 * - `skip`: drop it (a `skipped` schedule event);
 * - `queue`: keep it (a `queued` event) and run it when the active run ends; at most one is kept,
 *   a further one is `dropped`;
 * - `parallel`: run it next to the others, each tick under the id `<workflowId>@<scheduledAt ISO>`,
 *   up to `maxParallel` at once; the rest are `dropped`.
 *
 * @example
 * ```ts
 * const overlap: Overlap = 'queue';
 * new CronScheduler({ cron: '0 * * * *', overlap });
 * ```
 */
export type Overlap = 'skip' | 'queue' | 'parallel';

/**
 * The options of a {@link CronScheduler}.
 *
 * @example
 * ```ts
 * const options: CronSchedulerOptions = { cron: '0 3 * * *', timezone: 'Europe/Berlin', overlap: 'skip' };
 * new CronScheduler(options);
 * ```
 */
export interface CronSchedulerOptions {
  /**
   * When to trigger: a cron expression, five fields `minute hour day-of-month month day-of-week`
   * (`*\/5 * * * *`), or six with seconds first (`*\/10 * * * * *`), as croner reads them.
   */
  readonly cron: string;
  /** What to do with a trigger due while a run is going on (see {@link Overlap}). @defaultValue 'skip' */
  readonly overlap?: Overlap;
  /** With `overlap: 'parallel'`: how many runs at once at most; ignored otherwise. @defaultValue 10 */
  readonly maxParallel?: number;
  /** The IANA time zone the expression is read in (`'Europe/Berlin'`, `'UTC'`). @defaultValue the process's local zone */
  readonly timezone?: string;
  /**
   * The clock that times the triggers and the grace of a stop.
   * @defaultValue the scheduled workflow's `Config.clock`
   */
  readonly clock?: Clock;
  /**
   * Whether a pending trigger keeps the Node process alive (on the real clock). Leave it on for a
   * process whose job is to run the schedule; turn it off when the schedule must not hold up exit.
   * `stop()` clears the timer either way. @defaultValue true
   */
  readonly keepAlive?: boolean;
  /**
   * Called when a trigger could not start a run (it rejected, e.g. with `WorkflowLockedError`
   * when a run of the same id, from elsewhere, is still going on); the trigger is also reported as
   * a `dropped` schedule event. The schedule goes on either way.
   * @defaultValue none (the event is the record)
   */
  readonly onError?: (error: unknown, scheduledAt: Date) => void;
}

const DEFAULT_GRACE_MS = 30_000;
const DEFAULT_MAX_PARALLEL = 10;
/** The longest delay a Node timer takes (about 24.8 days); longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const OVERLAPS: readonly Overlap[] = ['skip', 'queue', 'parallel'];
const KNOWN_OPTIONS = new Set(['cron', 'overlap', 'maxParallel', 'timezone', 'clock', 'keepAlive', 'onError']);

interface Resolved {
  readonly cron: Cron;
  readonly expression: string;
  readonly overlap: Overlap;
  readonly maxParallel: number;
  readonly clock: Clock | undefined;
  readonly keepAlive: boolean;
  readonly onError: ((error: unknown, scheduledAt: Date) => void) | undefined;
}

/**
 * A cron {@link Scheduler} on croner: set it as `Config.scheduler`, and `workflow.schedule()`
 * triggers a fresh run at each fire time of the expression. croner only computes the fire
 * times; each wait is a timer on the workflow's clock (or the `clock` option), so a schedule runs
 * on a `VirtualClock` in tests. The next fire time is computed from now after each trigger, so a
 * late trigger (a blocked event loop, a suspended laptop) is not followed by a burst of missed ones.
 *
 * A trigger that cannot start its run is reported as a `dropped` schedule event (and handed to
 * `onError`); it never stops the schedule nor crashes the process.
 *
 * `resume: true` with `overlap: 'parallel'` is refused at `schedule()`: each parallel tick runs
 * under its own id, so there would be no checkpoint of that id to resume from.
 *
 * @throws {@link InvalidScheduleError} for an invalid cron expression, time zone, overlap,
 *   `maxParallel`, clock or an unknown option.
 *
 * @example
 * ```ts
 * import { Config, DotFlow, action } from '@dotflow/core';
 * import { CronScheduler } from '@dotflow/scheduler';
 *
 * const flow = new DotFlow({ config: new Config({ scheduler: new CronScheduler({ cron: '*\/5 * * * *' }) }) });
 * flow.task.add({ step: action(function sync() { return 'synced'; }) });
 * const handle = await flow.schedule();
 * console.log(handle.nextRun());
 * // …
 * await handle.stop({ graceMs: 5_000 });
 * ```
 */
export class CronScheduler implements Scheduler {
  readonly #options: Resolved;
  readonly #schedules = new Set<CronSchedule>();

  public constructor(options: CronSchedulerOptions) {
    this.#options = resolve(options);
  }

  /** The cron expression, as given. */
  public get cron(): string {
    return this.#options.expression;
  }

  /** The overlap strategy in force. */
  public get overlap(): Overlap {
    return this.#options.overlap;
  }

  /** Puts `target` on the schedule: arms the timer of its first fire time and returns its handle. */
  public start(target: ScheduleTarget): ScheduleHandle {
    if (target.resume && this.#options.overlap === 'parallel') {
      throw new InvalidScheduleError(
        'overlap',
        `workflow '${target.workflowId}' is scheduled with resume: true, which overlap: 'parallel' cannot honour ` +
          `(each tick runs under its own id, <workflowId>@<scheduledAt>, with no checkpoint to resume from): ` +
          `use overlap: 'skip' or 'queue' to resume, or schedule without resume`,
      );
    }
    const schedule = new CronSchedule(target, this.#options, () => this.#schedules.delete(schedule));
    this.#schedules.add(schedule);
    schedule.arm();
    return {
      workflowId: target.workflowId,
      nextRun: () => schedule.nextRun(),
      stop: (stop?: StopOptions) => schedule.stop(stop?.graceMs ?? DEFAULT_GRACE_MS),
    };
  }

  /** Stops every schedule started on this scheduler (each as its handle's `stop()` would). */
  public async stop(options?: StopOptions): Promise<void> {
    const graceMs = options?.graceMs ?? DEFAULT_GRACE_MS;
    await Promise.all([...this.#schedules].map((schedule) => schedule.stop(graceMs)));
  }
}

/** One workflow on a {@link CronScheduler}: its timer, its runs and its queued trigger. */
class CronSchedule {
  readonly #target: ScheduleTarget;
  readonly #options: Resolved;
  readonly #clock: Clock;
  readonly #forget: () => void;
  /** The runs going on, for the overlap strategy and a bounded stop. */
  readonly #active: RunningTriggers;
  /** The pending fire timer (boxed: a TimerHandle may be any value). */
  #timer: { readonly handle: TimerHandle } | undefined;
  #next: Date | undefined;
  #queued: Date | undefined;
  #stopping: Promise<void> | undefined;

  public constructor(target: ScheduleTarget, options: Resolved, forget: () => void) {
    this.#target = target;
    this.#options = options;
    this.#clock = options.clock ?? target.clock;
    this.#forget = forget;
    this.#active = new RunningTriggers(this.#clock);
  }

  public nextRun(): Date | undefined {
    return this.#next === undefined ? undefined : new Date(this.#next.getTime());
  }

  /** Computes the next fire time from now and sets its timer (none when the expression has no more). */
  public arm(): void {
    if (this.#stopping !== undefined) return;
    const next = this.#options.cron.nextRun(new Date(this.#clock.now()));
    this.#next = next ?? undefined;
    this.#wait();
  }

  public stop(graceMs: number): Promise<void> {
    if (this.#stopping === undefined) {
      this.#clearTimer();
      this.#next = undefined;
      const queued = this.#queued;
      this.#queued = undefined;
      if (queued !== undefined) this.#report('dropped', queued);
      // forgotten by the scheduler only once drained, so its stop() waits for a stop already under way
      this.#stopping = this.#drain(graceMs).then(() => this.#forget());
    }
    return this.#stopping;
  }

  /** Sets the timer for `#next` (chained when it is further away than a timer can wait). */
  #wait(): void {
    this.#clearTimer();
    if (this.#next === undefined) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, this.#next.getTime() - this.#clock.now()));
    const handle = this.#clock.setTimeout(() => this.#fire(), delay);
    if (!this.#options.keepAlive) unref(handle);
    this.#timer = { handle };
  }

  #fire(): void {
    this.#timer = undefined;
    const due = this.#next;
    if (this.#stopping !== undefined || due === undefined) return;
    // a chained wait, or a timer that fired a little early: wait for the rest
    if (this.#clock.now() < due.getTime()) return this.#wait();
    try {
      this.#tick(due);
    } finally {
      this.arm();
    }
  }

  /** One fire time: runs it, or reports it, as the overlap strategy says. */
  #tick(at: Date): void {
    const { overlap, maxParallel } = this.#options;
    const busy = this.#active.size > 0;
    if (overlap === 'skip') {
      if (busy) this.#report('skipped', at);
      else this.#launch(at);
    } else if (overlap === 'queue') {
      if (!busy) this.#launch(at);
      else if (this.#queued === undefined) {
        this.#queued = at;
        this.#report('queued', at);
      } else this.#report('dropped', at);
    } else if (this.#active.size >= maxParallel) {
      this.#report('dropped', at);
    } else {
      this.#launch(at, `${this.#target.workflowId}@${at.toISOString()}`);
    }
  }

  /** Starts the run of `at` and tracks it; when it ends, starts the queued trigger if any. */
  #launch(at: Date, workflowId?: string): void {
    void this.#active
      .trigger(this.#target, at, workflowId === undefined ? {} : { workflowId })
      .then(
        () => undefined,
        (error: unknown) => this.#refused(error, at),
      )
      .then(() => this.#dequeue());
  }

  #dequeue(): void {
    const queued = this.#queued;
    if (queued === undefined || this.#stopping !== undefined || this.#active.size > 0) return;
    this.#queued = undefined;
    this.#launch(queued);
  }

  /** A trigger that could not start its run: a `dropped` event and `onError`, never a throw. */
  #refused(error: unknown, at: Date): void {
    this.#report('dropped', at);
    try {
      this.#options.onError?.(error, at);
    } catch {
      // an onError that throws must not stop the schedule either
    }
  }

  #report(action: 'skipped' | 'queued' | 'dropped', at: Date): void {
    try {
      this.#target.report(action, at);
    } catch {
      // reporting is best effort; the schedule goes on
    }
  }

  /** Waits up to `graceMs` on the schedule's clock for the runs going on, then cancels the rest and waits for them. */
  #drain(graceMs: number): Promise<void> {
    return this.#active.stop(graceMs);
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    this.#clock.clearTimeout(this.#timer.handle);
    this.#timer = undefined;
  }
}

function unref(timer: TimerHandle): void {
  if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') {
    (timer as { unref(): void }).unref();
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function resolve(options: CronSchedulerOptions): Resolved {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidScheduleError('options', `expected an options object such as { cron: '*/5 * * * *' }, got ${show(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new InvalidScheduleError(key, `unknown option "${key}"; the options are ${[...KNOWN_OPTIONS].join(', ')}.`);
    }
  }
  const { cron: expression, overlap = 'skip', maxParallel = DEFAULT_MAX_PARALLEL, timezone, clock, keepAlive = true, onError } = options;
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw new InvalidScheduleError('cron', `cron must be a cron expression such as '*/5 * * * *' (minute hour day-of-month month day-of-week), got ${show(expression)}.`);
  }
  if (timezone !== undefined && !isTimeZone(timezone)) {
    throw new InvalidScheduleError('timezone', `timezone ${show(timezone)} is not an IANA time zone; use one such as 'UTC' or 'Europe/Berlin', or leave it out for the local zone.`);
  }
  if (!(OVERLAPS as readonly unknown[]).includes(overlap)) {
    throw new InvalidScheduleError('overlap', `overlap ${show(overlap)} is not one of ${OVERLAPS.map((o) => `'${o}'`).join(', ')}; leave it out for 'skip'.`);
  }
  if (typeof maxParallel !== 'number' || !Number.isSafeInteger(maxParallel) || maxParallel < 1) {
    throw new InvalidScheduleError('maxParallel', `maxParallel must be a whole number of runs, 1 or more, got ${show(maxParallel)}; leave it out for ${DEFAULT_MAX_PARALLEL}.`);
  }
  if (clock !== undefined && !isClock(clock)) {
    throw new InvalidScheduleError('clock', `clock must have now(), setTimeout() and clearTimeout() (a Clock such as systemClock or a VirtualClock), got ${show(clock)}; leave it out for the workflow's Config.clock.`);
  }
  if (typeof keepAlive !== 'boolean') {
    throw new InvalidScheduleError('keepAlive', `keepAlive must be true or false, got ${show(keepAlive)}.`);
  }
  if (onError !== undefined && typeof onError !== 'function') {
    throw new InvalidScheduleError('onError', `onError must be a function (error, scheduledAt) => void, got ${show(onError)}.`);
  }
  let cron: Cron;
  try {
    cron = new Cron(expression, { paused: true, ...(timezone === undefined ? {} : { timezone }) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidScheduleError('cron', `cron ${show(expression)} is not a valid cron expression (${reason}); use five fields 'minute hour day-of-month month day-of-week', e.g. '*/5 * * * *'.`, { cause: error });
  }
  if (cron.nextRun() === null) {
    throw new InvalidScheduleError('cron', `cron ${show(expression)} never fires (no date matches it); check the day-of-month and month fields.`);
  }
  return { cron, expression, overlap, maxParallel, clock, keepAlive, onError };
}

function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isClock(value: unknown): value is Clock {
  if (typeof value !== 'object' || value === null) return false;
  const clock = value as Record<string, unknown>;
  return typeof clock['now'] === 'function' && typeof clock['setTimeout'] === 'function' && typeof clock['clearTimeout'] === 'function';
}
