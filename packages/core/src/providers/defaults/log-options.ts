import { InvalidLogOptionsError } from '../../errors/invalid-log-options.error';
import { LOG_LEVELS, type LogLevel } from '../log';

/**
 * The environment variable `ConsoleLog` reads its default level from (any case; `warning` is
 * `warn`; empty is unset). A value that is no level throws `InvalidLogOptionsError`.
 *
 * @example
 * ```ts
 * process.env[LOG_LEVEL_ENV] = 'info'; // DOTFLOW_LOG_LEVEL=info node app.js
 * new ConsoleLog().level; // 'info'
 * ```
 */
export const LOG_LEVEL_ENV = 'DOTFLOW_LOG_LEVEL';

/**
 * Where `ConsoleLog({ output: 'file' | 'both' })` writes when no `path` is given (relative to the
 * current folder): the run history `dotflow logs` reads.
 *
 * @example
 * ```ts
 * readFileSync(DEFAULT_LOG_PATH, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as JsonLogLine);
 * ```
 */
export const DEFAULT_LOG_PATH = '.output/flow.log';

/** How long a file line may wait before it is written, by default. */
export const DEFAULT_FLUSH_MS = 50;

const FORMATS = ['text', 'json', 'simple'] as const;
const OUTPUTS = ['console', 'file', 'both'] as const;

/** What a `ConsoleLog` was asked for, as given (every field may be missing or wrong at run time). */
export interface LogOptionsInput {
  readonly level?: unknown;
  readonly format?: unknown;
  readonly output?: unknown;
  readonly path?: unknown;
  readonly includeResults?: unknown;
  readonly flushMs?: unknown;
}

/** The options of a `ConsoleLog`, checked and with their defaults. */
export interface ResolvedLogOptions {
  readonly level: LogLevel;
  readonly format: 'text' | 'json';
  readonly output: 'console' | 'file' | 'both';
  readonly path: string;
  readonly includeResults: boolean;
  readonly flushMs: number;
}

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * Checks `options` and fills in the defaults: `level` from `DOTFLOW_LOG_LEVEL` in `env` (any case,
 * `warning` for `warn`; empty means unset), else `'warn'`.
 *
 * @throws InvalidLogOptionsError naming the option (or the variable), its value and what is allowed.
 */
export function resolveLogOptions(options: LogOptionsInput, env: NodeJS.ProcessEnv): ResolvedLogOptions {
  const { level, format = 'text', output = 'console', path = DEFAULT_LOG_PATH, includeResults = false, flushMs = DEFAULT_FLUSH_MS } = options;
  if (level !== undefined && !LOG_LEVELS.includes(level as LogLevel)) {
    throw new InvalidLogOptionsError('level', level, `must be one of ${quoted(LOG_LEVELS)}`);
  }
  if (!FORMATS.includes(format as never)) {
    throw new InvalidLogOptionsError('format', format, `must be one of 'text', 'json' ('simple' is another name of 'text')`);
  }
  if (!OUTPUTS.includes(output as never)) throw new InvalidLogOptionsError('output', output, `must be one of ${quoted(OUTPUTS)}`);
  if (typeof path !== 'string' || path === '') throw new InvalidLogOptionsError('path', path, 'must be a non-empty string (a file)');
  if (typeof includeResults !== 'boolean') throw new InvalidLogOptionsError('includeResults', includeResults, 'must be true or false');
  if (typeof flushMs !== 'number' || !(flushMs >= 0 && flushMs <= 2 ** 31 - 1)) {
    throw new InvalidLogOptionsError('flushMs', flushMs, 'must be a number of ms from 0 (each line written at once) to 2147483647');
  }
  return {
    level: (level as LogLevel | undefined) ?? levelFromEnv(env),
    format: format === 'json' ? 'json' : 'text',
    output: output as ResolvedLogOptions['output'],
    path,
    includeResults,
    flushMs,
  };
}

/** The level `DOTFLOW_LOG_LEVEL` names, or `'warn'` when it is unset or empty. */
function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env[LOG_LEVEL_ENV];
  if (raw === undefined || raw.trim() === '') return 'warn';
  const name = raw.trim().toLowerCase();
  const level = name === 'warning' ? 'warn' : name;
  if (LOG_LEVELS.includes(level as LogLevel)) return level as LogLevel;
  throw new InvalidLogOptionsError(LOG_LEVEL_ENV, raw, `must be one of ${quoted(LOG_LEVELS)} (in any case; 'warning' is another name of 'warn')`, 'environment');
}
