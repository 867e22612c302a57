import { InvalidConfigError } from '../errors/invalid-config.error';
import type { Executor } from '../executor/executor';
import type { Invoker } from '../invoker/invoker';
import type { ObserverQueueOptions } from '../observers/observer-queue';
import { ObserverSet, listObservers } from '../observers/observer-set';
import { InProcessExecutor } from '../executor/in-process.executor';
import { LocalInvoker } from '../worker/local.invoker';
import { systemClock, type Clock } from './clock';
import { ConsoleLog } from './defaults/console.log';
import { ManualScheduler } from './defaults/manual.scheduler';
import { MemoryStorage } from './defaults/memory.storage';
import { logErrorReporter, type ErrorReporter } from './error-reporter';
import { NoopMetrics, NoopNotify, NoopServer, NoopTracer, type Metrics, type Notify, type Server, type Tracer } from './event-sink';
import type { Log } from './log';
import type { Observer } from './observer';
import type { Scheduler } from './scheduler';
import type { Storage } from './storage';

/** The providers of a {@link Config}; each one left out gets its default. */
export interface ConfigOptions {
  /** Checkpoints and claims. @defaultValue new MemoryStorage() */
  readonly storage?: Storage;
  /** Notifications: one observer or several. @defaultValue new NoopNotify() */
  readonly notify?: Notify | readonly Notify[];
  /** Log lines. @defaultValue new ConsoleLog() (level 'warn') */
  readonly log?: Log;
  /** Spans: one observer or several. @defaultValue new NoopTracer() */
  readonly tracer?: Tracer | readonly Tracer[];
  /** Counters and histograms: one observer or several. @defaultValue new NoopMetrics() */
  readonly metrics?: Metrics | readonly Metrics[];
  /** A Dotflow server: one observer or several. @defaultValue new NoopServer() */
  readonly server?: Server | readonly Server[];
  /** Any other observers of every run (a dashboard, an audit log…). @defaultValue [] */
  readonly observers?: readonly Observer[];
  /** Limits of each observer's queue. @defaultValue `{ capacity: 100_000, timeoutMs: 10_000 }` */
  readonly observerQueue?: ObserverQueueOptions;
  /** What `schedule()` hands workflows to. @defaultValue new ManualScheduler() */
  readonly scheduler?: Scheduler;
  /** Time, timers and random draws, for tests on virtual time. @defaultValue systemClock */
  readonly clock?: Clock;
  /** Where a whole run runs (`start({ executor })` overrides it per run). @defaultValue new InProcessExecutor() */
  readonly executor?: Executor;
  /** Where each attempt of a step runs. @defaultValue new LocalInvoker() (worker threads for `isolate: 'worker'`) */
  readonly invoker?: Invoker;
}

const OBSERVER = ['onEvent'];
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  storage: ['get', 'set', 'delete', 'deletePrefix', 'keys', 'key', 'prefix', 'claim'],
  notify: OBSERVER,
  log: ['write'],
  tracer: OBSERVER,
  metrics: OBSERVER,
  server: OBSERVER,
  scheduler: ['start', 'stop'],
  clock: ['now', 'setTimeout', 'clearTimeout'],
  executor: ['submit'],
  invoker: ['invoke'],
};
const LISTS = new Set(['notify', 'tracer', 'metrics', 'server', 'observers']);

/** Options of {@link Config.flush} and {@link Config.close}. */
export interface FlushOptions {
  /** Give up after this long in all. @defaultValue 10_000 */
  readonly timeoutMs?: number;
}

/**
 * The providers a workflow uses. Injectable: register one in a container, pass it to
 * `new DotFlow({ config })`, or to `super(config)` in a `Workflow` subclass.
 *
 * @throws InvalidConfigError when a provider lacks a method of its role.
 * @example
 * ```ts
 * const config = new Config({ storage: new FileStorage({ path: '.output' }), observers: [audit] });
 * container.register(Config, { useValue: config });
 * // …before the process exits:
 * await config.close();
 * ```
 */
export class Config {
  /** Checkpoints and claims: `options.storage`, or a new `MemoryStorage`. */
  public readonly storage: Storage;
  /** Notifications: `options.notify`, or a `NoopNotify`. */
  public readonly notify: Notify | readonly Notify[];
  /** Log lines: `options.log`, or a `ConsoleLog` (level `'warn'`, or `DOTFLOW_LOG_LEVEL`). */
  public readonly log: Log;
  /** Spans: `options.tracer`, or a `NoopTracer`. */
  public readonly tracer: Tracer | readonly Tracer[];
  /** Counters and histograms: `options.metrics`, or a `NoopMetrics`. */
  public readonly metrics: Metrics | readonly Metrics[];
  /** A Dotflow server: `options.server`, or a `NoopServer`. */
  public readonly server: Server | readonly Server[];
  /** The other observers of every run: `options.observers`, or none. */
  public readonly observers: readonly Observer[];
  /** What `schedule()` hands workflows to: `options.scheduler`, or a `ManualScheduler`. */
  public readonly scheduler: Scheduler;
  /** Time, timers and random draws: `options.clock`, or `systemClock`. */
  public readonly clock: Clock;
  /** Where a whole run runs: `options.executor`, or an `InProcessExecutor`. */
  public readonly executor: Executor;
  /** Where each attempt of a step runs: `options.invoker`, or a `LocalInvoker`. */
  public readonly invoker: Invoker;
  readonly #queue: ObserverQueueOptions | undefined;
  #set: ObserverSet | undefined;
  #report: ErrorReporter | undefined;

  public constructor(options: ConfigOptions = {}) {
    for (const [field, value] of Object.entries(options as Record<string, unknown>)) {
      if (value === undefined) continue;
      const methods = REQUIRED[field] ?? (field === 'observers' ? OBSERVER : undefined);
      if (methods === undefined) continue;
      const items: readonly unknown[] = LISTS.has(field) && Array.isArray(value) ? value : [value];
      if (field === 'observers' && !Array.isArray(value)) throw new InvalidConfigError(field, 'onEvent() on each item of an array');
      items.forEach((item, i) => {
        const missing = methods.filter((m) => typeof (item as Record<string, unknown> | null)?.[m] !== 'function');
        const name = items === value ? `${field}[${i}]` : field;
        if (missing.length > 0) throw new InvalidConfigError(name, missing.map((m) => `${m}()`).join(', '));
      });
    }
    this.storage = options.storage ?? new MemoryStorage();
    this.notify = options.notify ?? new NoopNotify();
    this.log = options.log ?? new ConsoleLog();
    this.tracer = options.tracer ?? new NoopTracer();
    this.metrics = options.metrics ?? new NoopMetrics();
    this.server = options.server ?? new NoopServer();
    this.observers = options.observers ?? [];
    this.scheduler = options.scheduler ?? new ManualScheduler();
    this.clock = options.clock ?? systemClock;
    this.executor = options.executor ?? new InProcessExecutor();
    this.invoker = options.invoker ?? new LocalInvoker();
    this.#queue = options.observerQueue;
  }

  /** Reports errors Dotflow caught to this config's log, stamped on its clock. @internal */
  public get reporter(): ErrorReporter {
    return (this.#report ??= logErrorReporter(this.log, this.clock));
  }

  /** Every observer of every role, each behind its own queue (made on first use). @internal */
  public get observerSet(): ObserverSet {
    return (this.#set ??= new ObserverSet(
      listObservers([
        ['notify', this.notify],
        ['tracer', this.tracer],
        ['metrics', this.metrics],
        ['server', this.server],
        ['observers', this.observers],
      ]),
      this.#queue,
      this.reporter,
    ));
  }

  /**
   * Resolves when every observer delivered the events it received so far (and its own `flush()`
   * resolved), each bounded by its queue's timeout, or after `timeoutMs` in all; then calls the
   * log's `flush()` when it has one. Await it before a process exits (the CLI does).
   *
   * @example
   * ```ts
   * await flow.start();
   * await config.flush(); // the failure notification has been sent
   * ```
   */
  public flush(options: FlushOptions = {}): Promise<void> {
    return this.observerSet.flush(options.timeoutMs ?? 10_000).then(() => this.#settleLog('flush'));
  }

  /** Flushes, then closes every observer (`close()`), bounded as {@link Config.flush}; then the log's `close()`. */
  public close(options: FlushOptions = {}): Promise<void> {
    return this.observerSet.close(options.timeoutMs ?? 10_000).then(() => this.#settleLog('close'));
  }

  /** The log's own `flush()` / `close()`, when it has one, after the observers (which may still log); a failure is reported. */
  async #settleLog(method: 'flush' | 'close'): Promise<void> {
    try {
      await this.log[method]?.();
    } catch (error) {
      this.reporter(`log.${method} threw`, error);
    }
  }
}
