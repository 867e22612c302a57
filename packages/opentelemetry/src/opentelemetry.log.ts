import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SeverityNumber, logs, type AnyValueMap, type Logger, type LoggerProvider } from '@opentelemetry/api-logs';
import {
  describeEvent,
  isLevelEnabled,
  logLevelOf,
  type DotflowEvent,
  type LogLevel,
  type LogRecord,
  type Observer,
  type TaskError,
} from '@dotflow/core';
import { InvalidOpenTelemetryOptionsError } from './errors/invalid-opentelemetry-options.error';
import { forceFlushWithin } from './internal/force-flush';
import { DEFAULT_FLUSH_TIMEOUT_MS, nonNegativeMs } from './internal/options';
import { SCOPE_NAME, VERSION } from './version';

/**
 * Options of {@link OpenTelemetryLog}.
 *
 * @example
 * ```ts
 * new OpenTelemetryLog({ loggerProvider, level: 'warn', flushTimeoutMs: 2_000 }); // retries and failures only
 * ```
 */
export interface OpenTelemetryLogOptions {
  /** Where log records go. @defaultValue the global provider (`logs.getLoggerProvider()`; never set by this package) */
  readonly loggerProvider?: LoggerProvider;
  /** The lowest level emitted (`'silent'`: none). @defaultValue 'info' (every event) */
  readonly level?: LogLevel;
  /** How long `flush()` / `close()` wait for the provider's `forceFlush()`. @defaultValue 5000 */
  readonly flushTimeoutMs?: number;
}

type Level = LogRecord['level'];
const SEVERITY: Readonly<Record<Level, readonly [SeverityNumber, string]>> = {
  debug: [SeverityNumber.DEBUG, 'DEBUG'],
  info: [SeverityNumber.INFO, 'INFO'],
  warn: [SeverityNumber.WARN, 'WARN'],
  error: [SeverityNumber.ERROR, 'ERROR'],
};
const LEVELS: ReadonlySet<string> = new Set(['debug', 'info', 'warn', 'error', 'silent']);

/**
 * An {@link Observer} that emits one OpenTelemetry log record per event: the body is the line
 * Dotflow's simple log format writes (`describeEvent`), the timestamp the event's `at`, the
 * attributes the fields of its JSON log lines (`time`, `type`, `workflowId`, `runId`, `taskId`,
 * `name`, `status`, `attempt`, `duration` in ms, `error`…) — never a step's result. Never
 * sets a global; never shuts the provider down.
 *
 * @throws InvalidOpenTelemetryOptionsError for an unknown `level` or a `flushTimeoutMs` out of range.
 * @example
 * ```ts
 * const loggerProvider = new LoggerProvider({ processors: [new BatchLogRecordProcessor(new OTLPLogExporter())] });
 * const config = new Config({ observers: [new OpenTelemetryLog({ loggerProvider, level: 'warn' })] });
 * ```
 */
export class OpenTelemetryLog implements Observer {
  readonly #provider: LoggerProvider;
  readonly #logger: Logger;
  readonly #level: LogLevel;
  readonly #flushTimeoutMs: number;

  public constructor(options: OpenTelemetryLogOptions = {}) {
    const level = options.level ?? 'info';
    if (!LEVELS.has(level)) throw new InvalidOpenTelemetryOptionsError('OpenTelemetryLog', 'level', "one of 'debug', 'info', 'warn', 'error', 'silent'", level);
    this.#level = level;
    this.#provider = options.loggerProvider ?? logs.getLoggerProvider();
    this.#logger = this.#provider.getLogger(SCOPE_NAME, VERSION);
    this.#flushTimeoutMs = nonNegativeMs('OpenTelemetryLog', 'flushTimeoutMs', options.flushTimeoutMs, DEFAULT_FLUSH_TIMEOUT_MS);
  }

  public onEvent(event: DotflowEvent): void {
    if (this.#level === 'silent') return;
    const level = logLevelOf(event);
    if (!isLevelEnabled(this.#level, level)) return;
    const [severityNumber, severityText] = SEVERITY[level];
    this.#logger.emit({
      timestamp: event.at,
      severityNumber,
      severityText,
      body: describeEvent(event),
      attributes: logAttributes(event),
      // Events arrive after the fact: the context active now is not the run's (no span to link).
      context: ROOT_CONTEXT,
    });
  }

  /** Resolves when the provider's `forceFlush()` does. @throws FlushTimeoutError after `flushTimeoutMs`. */
  public flush(): Promise<void> {
    return forceFlushWithin(this.#provider, 'OpenTelemetryLog', this.#flushTimeoutMs);
  }

  /** Flushes. The provider is not shut down: it is yours (call its `shutdown()` when you are done with it). */
  public close(): Promise<void> {
    return this.flush();
  }
}

/** The fields of a JSON log line (core's `ConsoleLog({ format: 'json' })`), as log record attributes; never a step's result. */
function logAttributes(event: DotflowEvent): AnyValueMap {
  const a: AnyValueMap = { time: event.at.toISOString(), type: event.type, workflowId: event.workflowId, name: event.name };
  switch (event.type) {
    case 'workflow':
      a.runId = event.runId;
      a.status = event.status;
      if (event.duration !== undefined) a.duration = event.duration;
      break;
    case 'task':
      a.runId = event.runId;
      a.taskId = event.taskId;
      a.status = event.status;
      a.attempt = event.attempt;
      if (event.duration !== undefined) a.duration = event.duration;
      if (event.error !== undefined) a.error = errorValue(event.error);
      break;
    case 'error':
      a.runId = event.runId;
      a.source = event.source;
      if (event.taskId !== undefined) a.taskId = event.taskId;
      a.error = errorValue(event.error);
      break;
    case 'schedule':
      a.action = event.action;
      a.scheduledAt = event.scheduledAt.toISOString();
      if (event.runId !== undefined) a.runId = event.runId;
      break;
  }
  return a;
}

function errorValue(error: TaskError): AnyValueMap {
  return { exception: error.exception, message: error.message, stack: error.stack };
}
