import { resolve } from 'node:path';
import { EVENT_FIELDS_ONLY, isLevelEnabled, type Log, type LogLevel, type LogRecord } from '../log';
import { LogFile } from './file-log';
import { jsonLine, jsonPrefix, jsonRest, textLine, type JsonLineOptions } from './log-format';
import { resolveLogOptions } from './log-options';

/**
 * The console methods a {@link ConsoleLog} writes to: debug and info lines to `debug`/`info`,
 * warnings and errors to `warn`/`error`.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const keep = (line: string) => { lines.push(line); };
 * new ConsoleLog({ console: { debug: keep, info: keep, warn: keep, error: keep } });
 * ```
 */
export type LogConsole = Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;

/** Options of {@link ConsoleLog}. */
export interface ConsoleLogOptions {
  /**
   * The lowest level written (to the console and to the file alike): `debug`, `info` (every
   * event: what a run history needs), `warn` (retries, dropped triggers, caught warnings), `error`
   * (failures) or `silent`. A bad `DOTFLOW_LOG_LEVEL` throws `InvalidLogOptionsError`.
   * @defaultValue the `DOTFLOW_LOG_LEVEL` environment variable (any case), else `'warn'`
   */
  readonly level?: LogLevel;
  /**
   * The console's lines: `'text'` (`<time> - <LEVEL> [dotflow]: <message>`, a failure's stack on
   * the lines after it) or one JSON object per line ({@link JsonLogLine}). `'simple'` is another
   * name of `'text'`. The file is always JSON.
   * @defaultValue 'text'
   */
  readonly format?: 'text' | 'json' | 'simple';
  /** Where lines go: the console, the file at `path`, or both. @defaultValue 'console' */
  readonly output?: 'console' | 'file' | 'both';
  /**
   * The file of `output: 'file' | 'both'` (relative to the current folder when the log is made):
   * appended to, its folders created; one JSON line per record, the run history `dotflow logs`
   * reads.
   * @defaultValue '.output/flow.log'
   */
  readonly path?: string;
  /**
   * Also write each task's result (`storage`, on Completed and Skipped) in JSON lines. Off by
   * default: results can be large, or secret.
   * @defaultValue false
   */
  readonly includeResults?: boolean;
  /**
   * How long a file line may wait in memory before it is written (lines are written in whole
   * lines, and also when 64 KiB wait, on `flush()` / `close()` and when the process exits); `0`
   * writes each line at once, one system call each: about 2.7× the cost of a line (bench W10).
   * @defaultValue 50
   */
  readonly flushMs?: number;
  /** The console: debug and info go to its `debug`/`info`, warnings and errors to `warn`/`error`. @defaultValue the global `console` (stderr for warnings and errors) */
  readonly console?: LogConsole;
}

/**
 * The default log: text lines on the console at level `warn` (so only retries, failures and
 * caught errors, on stderr), or JSON lines; with `output: 'file' | 'both'`, also a JSON file of
 * every record at its level (the run history). Never throws from `write`: a file that cannot be
 * written is reported once on the console's `error` and its lines dropped.
 *
 * @throws InvalidLogOptionsError when an option (or `DOTFLOW_LOG_LEVEL`) has a value it cannot use.
 * @example
 * ```ts
 * const log = new ConsoleLog({ level: 'info', output: 'both', path: '.output/flow.log' });
 * const config = new Config({ log });
 * await flow.start();
 * await config.close(); // writes what the file still holds back, and closes it
 * ```
 */
export class ConsoleLog implements Log {
  /** The lowest level written. @defaultValue `DOTFLOW_LOG_LEVEL`, else 'warn' */
  public readonly level: LogLevel;
  /** The console's format (`'simple'` reads as `'text'`). @defaultValue 'text' */
  public readonly format: 'text' | 'json';
  /** Where lines go. @defaultValue 'console' */
  public readonly output: 'console' | 'file' | 'both';
  /** The file of `output: 'file' | 'both'`, absolute. @defaultValue `<current folder>/.output/flow.log` */
  public readonly path: string;
  readonly #fileLine: JsonLineOptions;
  readonly #consoleLine: JsonLineOptions;
  readonly #out: LogConsole | undefined;
  readonly #file: LogFile | undefined;

  public constructor(options: ConsoleLogOptions = {}) {
    const resolved = resolveLogOptions(options, process.env);
    this.level = resolved.level;
    this.format = resolved.format;
    this.output = resolved.output;
    this.path = resolve(resolved.path);
    this.#fileLine = { eventMessage: false, results: resolved.includeResults };
    this.#consoleLine = { eventMessage: true, results: resolved.includeResults };
    const out = options.console ?? console;
    this.#out = resolved.output === 'file' ? undefined : out;
    this.#file = resolved.output === 'console' ? undefined : new LogFile(this.path, resolved.flushMs, (message) => out.error(message));
    // Only the console prints an event's message; the file has its fields.
    if (this.#out === undefined) Object.defineProperty(this, EVENT_FIELDS_ONLY, { value: true });
  }

  /**
   * Writes one record (nothing below `level`): its JSON line to the file, its line in `format`
   * to the console.
   *
   * @example
   * ```ts
   * log.write({ level: 'warn', message: 'disk almost full', time: new Date() });
   * ```
   */
  public write(record: LogRecord): void {
    if (!isLevelEnabled(this.level, record.level)) return;
    const file = this.#file;
    if (file !== undefined) {
      const prefix = jsonPrefix(record);
      file.append((prefix.bytes ??= Buffer.from(prefix.text)), jsonRest(record, this.#fileLine));
    }
    const out = this.#out;
    if (out !== undefined) out[record.level](this.format === 'json' ? jsonLine(record, this.#consoleLine) : textLine(record));
  }

  /**
   * Writes out the file lines held back (synchronously). `Config.flush()` calls it.
   *
   * @example
   * ```ts
   * log.flush(); // every line so far is in the file
   * ```
   */
  public flush(): void {
    this.#file?.flush();
  }

  /**
   * Flushes, then closes the file (a later line opens it again). `Config.close()` calls it.
   *
   * @example
   * ```ts
   * await config.close(); // or log.close()
   * ```
   */
  public close(): void {
    this.#file?.close();
  }
}
