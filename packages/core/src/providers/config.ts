import { InvalidConfigError } from '../errors/invalid-config.error';
import { systemClock, type Clock } from './clock';
import { ConsoleLog } from './defaults/console.log';
import { ManualScheduler } from './defaults/manual.scheduler';
import { MemoryStorage } from './defaults/memory.storage';
import { NoopMetrics, NoopNotify, NoopServer, NoopTracer, type Metrics, type Notify, type Server, type Tracer } from './event-sink';
import type { Log } from './log';
import type { Scheduler } from './scheduler';
import type { Storage } from './storage';

/** The providers of a {@link Config}; each one left out gets its default. */
export interface ConfigOptions {
  /** Checkpoints. @defaultValue new MemoryStorage() */
  readonly storage?: Storage;
  /** Notifications. @defaultValue new NoopNotify() */
  readonly notify?: Notify;
  /** Log lines. @defaultValue new ConsoleLog() (level 'warn') */
  readonly log?: Log;
  /** Spans. @defaultValue new NoopTracer() */
  readonly tracer?: Tracer;
  /** Counters and histograms. @defaultValue new NoopMetrics() */
  readonly metrics?: Metrics;
  /** A Dotflow server. @defaultValue new NoopServer() */
  readonly server?: Server;
  /** What `schedule()` hands runs to. @defaultValue new ManualScheduler() */
  readonly scheduler?: Scheduler;
  /** Time and timers, for tests on virtual time. @defaultValue systemClock */
  readonly clock?: Clock;
}

const REQUIRED: Readonly<Record<keyof ConfigOptions, readonly string[]>> = {
  storage: ['get', 'set', 'delete', 'deletePrefix', 'keys', 'key', 'prefix'],
  notify: ['onEvent'],
  log: ['write'],
  tracer: ['onEvent'],
  metrics: ['onEvent'],
  server: ['onEvent'],
  scheduler: ['start', 'stop'],
  clock: ['now', 'setTimeout', 'clearTimeout'],
};

/**
 * The providers a workflow uses. Injectable: register one in a container, pass it to
 * `new DotFlow({ config })`, or to `super(config)` in a `Workflow` subclass.
 *
 * @throws InvalidConfigError when a provider lacks a method of its role.
 * @example
 * ```ts
 * container.register(Config, { useValue: new Config({ storage: new FileStorage({ path: '.output' }) }) });
 * ```
 */
export class Config {
  public readonly storage: Storage;
  public readonly notify: Notify;
  public readonly log: Log;
  public readonly tracer: Tracer;
  public readonly metrics: Metrics;
  public readonly server: Server;
  public readonly scheduler: Scheduler;
  public readonly clock: Clock;

  public constructor(options: ConfigOptions = {}) {
    for (const [field, methods] of Object.entries(REQUIRED)) {
      const value = (options as Record<string, unknown>)[field];
      if (value === undefined) continue;
      const missing = methods.filter((m) => typeof (value as Record<string, unknown> | null)?.[m] !== 'function');
      if (missing.length > 0) throw new InvalidConfigError(field, missing.map((m) => `${m}()`).join(', '));
    }
    this.storage = options.storage ?? new MemoryStorage();
    this.notify = options.notify ?? new NoopNotify();
    this.log = options.log ?? new ConsoleLog();
    this.tracer = options.tracer ?? new NoopTracer();
    this.metrics = options.metrics ?? new NoopMetrics();
    this.server = options.server ?? new NoopServer();
    this.scheduler = options.scheduler ?? new ManualScheduler();
    this.clock = options.clock ?? systemClock;
  }
}
