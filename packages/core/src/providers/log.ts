import type { DotflowEvent } from '../events/dotflow-event';

/** Log levels, most verbose first; `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** One log line, handed to a {@link Log} only when its level is enabled. */
export interface LogRecord {
  readonly level: Exclude<LogLevel, 'silent'>;
  readonly message: string;
  /** The event the line is about, if any. */
  readonly event?: DotflowEvent;
  /** The error the line is about, if any. */
  readonly error?: unknown;
  /** When it happened, on `Config.clock` (virtual in tests). @defaultValue the log's own `new Date()` */
  readonly time?: Date;
}

/**
 * Where Dotflow writes its log: every task and workflow event (a Failed task or workflow at
 * `error`, a task's Retry and a dropped schedule trigger at `warn`, every other status at `info`)
 * and every error it caught (a throwing callback, subscriber or provider). Records below `level`
 * are never built.
 */
export interface Log {
  readonly level: LogLevel;
  write(record: LogRecord): void;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** True when a log at `threshold` writes records of `level`. */
export function isLevelEnabled(threshold: LogLevel, level: Exclude<LogLevel, 'silent'>): boolean {
  return RANK[level] >= RANK[threshold];
}
