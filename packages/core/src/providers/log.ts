import type { DotflowEvent } from '../events/dotflow-event';

/**
 * Log levels, most verbose first; `silent` logs nothing.
 *
 * @example
 * ```ts
 * const level: LogLevel = 'info';
 * ```
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Every {@link LogLevel}, most verbose first.
 *
 * @example
 * ```ts
 * LOG_LEVELS.includes(process.env.LEVEL as LogLevel);
 * ```
 */
export const LOG_LEVELS: readonly LogLevel[] = Object.freeze(['debug', 'info', 'warn', 'error', 'silent']);

/**
 * One log line, handed to a {@link Log} only when its level is enabled.
 *
 * @example
 * ```ts
 * log.write({ level: 'warn', message: 'disk almost full', time: new Date() });
 * ```
 */
export interface LogRecord {
  /** How severe the line is. */
  readonly level: Exclude<LogLevel, 'silent'>;
  /** The line, as text. */
  readonly message: string;
  /** The event the line is about, if any. @defaultValue undefined (a line about a caught error or a note) */
  readonly event?: DotflowEvent;
  /** The error the line is about, if any. @defaultValue undefined */
  readonly error?: unknown;
  /** When it happened, on `Config.clock` (virtual in tests). @defaultValue the log's own `new Date()` */
  readonly time?: Date;
}

/**
 * Where Dotflow writes its log: every task and workflow event (a Failed task or workflow at
 * `error`, a task's Retry and a dropped schedule trigger at `warn`, every other status at `info`)
 * and every error it caught (a throwing callback, subscriber or provider). Records below `level`
 * are never built. `Config.flush()` and `Config.close()` call `flush()` and `close()` when the log
 * has them.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const log: Log = { level: 'info', write: (r) => lines.push(`${r.level} ${r.message}`) };
 * new Config({ log });
 * ```
 */
export interface Log {
  /** The least severe level written; records below it are never built. */
  readonly level: LogLevel;
  /** Writes one record (only called for enabled levels). */
  write(record: LogRecord): void;
  /** Optional: writes out what the log holds back (a file buffer). @defaultValue absent */
  flush?(): void | Promise<void>;
  /** Optional: flushes, then releases what the log holds (a file, a timer). @defaultValue absent */
  close?(): void | Promise<void>;
}

/**
 * Marks a log that never reads the `message` of a record about an event (it writes the event's
 * fields instead): the log listener then passes `''` and saves building it (`describeEvent`, a
 * third of a JSON file line's cost). Set as an own property, `true`. @internal
 */
export const EVENT_FIELDS_ONLY: unique symbol = Symbol.for('@dotflow/core/log/event-fields-only');

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * True when a log at `threshold` writes records of `level`.
 *
 * @example
 * ```ts
 * isLevelEnabled('warn', 'info'); // false
 * isLevelEnabled('warn', 'error'); // true
 * ```
 */
export function isLevelEnabled(threshold: LogLevel, level: Exclude<LogLevel, 'silent'>): boolean {
  return RANK[level] >= RANK[threshold];
}
