import type { DotflowEvent } from '../../events/dotflow-event';
import type { Log, LogLevel, LogRecord } from '../log';

/** Options of {@link ConsoleLog}. */
export interface ConsoleLogOptions {
  /** The lowest level written. @defaultValue 'warn' (retries, failures and caught errors) */
  readonly level?: LogLevel;
  /** `'simple'` lines or one JSON object per line. @defaultValue 'simple' */
  readonly format?: 'simple' | 'json';
  /** Where lines go. @defaultValue the global `console` */
  readonly console?: Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;
}

/**
 * The default log: writes to the console. Debug and info go to `console.debug`/`info`,
 * warnings and errors to `console.warn`/`error`.
 *
 * @example
 * ```ts
 * new Config({ log: new ConsoleLog({ level: 'info', format: 'json' }) });
 * ```
 */
export class ConsoleLog implements Log {
  public readonly level: LogLevel;
  private readonly format: 'simple' | 'json';
  private readonly out: Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;

  public constructor(options: ConsoleLogOptions = {}) {
    this.level = options.level ?? 'warn';
    this.format = options.format ?? 'simple';
    this.out = options.console ?? console;
  }

  public write(record: LogRecord): void {
    const line = this.format === 'json' ? jsonLine(record) : `${(record.time ?? new Date()).toISOString()} - ${record.level.toUpperCase()} [dotflow]: ${record.message}`;
    this.out[record.level](line);
  }
}

function jsonLine(record: LogRecord): string {
  const { event, error } = record;
  return JSON.stringify({
    time: (record.time ?? new Date()).toISOString(),
    level: record.level,
    message: record.message,
    ...(event ? { event: eventFields(event) } : {}),
    ...(error instanceof Error ? { error: { name: error.name, message: error.message, stack: error.stack } } : {}),
  });
}

function eventFields(event: DotflowEvent): Record<string, unknown> {
  const { at, ...rest } = event;
  return { ...rest, at: at.toISOString() };
}
