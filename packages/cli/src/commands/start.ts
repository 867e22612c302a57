import { join, resolve } from 'node:path';
import { container } from 'tsyringe';
import {
  Config,
  ConsoleLog,
  EXECUTION_MODES,
  FileStorage,
  MemoryStorage,
  WorkflowStatus,
  type ExecutionMode,
  type LogConsole,
  type OnInputChange,
  type Runnable,
  type Scheduler,
  type StartOptions,
  type WorkflowResult,
} from '@dotflow/core';
import { ExitCode, UsageError } from '../errors';
import type { CliIo } from '../io';
import { loadWorkflow } from '../load';
import { LiveView, PlainView, type RunView } from '../render';

/** The flags of `dotflow start`, as the parser gives them (strings, unchecked). */
export interface StartFlags {
  /** `--initial-context <json>`: the initial context of every task, as JSON text. */
  readonly initialContext?: string;
  /** `--mode <mode>`: an execution mode name. @defaultValue the workflow's default mode */
  readonly mode?: string;
  /** `--keep-going`: after a failed task, run the rest of its chain anyway. @defaultValue false */
  readonly keepGoing?: boolean;
  /** `--concurrency <n>`: at most n tasks (parallel) or groups (parallel_group) at once. @defaultValue unbounded */
  readonly concurrency?: string;
  /** `--resume`: skip the tasks whose checkpoint exists. @defaultValue false */
  readonly resume?: boolean;
  /** `--on-input-change <what>`: `reuse`, `reset` or `raise`, with `--resume`. @defaultValue 'reuse' */
  readonly onInputChange?: string;
  /** `--workflow-id <id>`: run under this workflow id. @defaultValue the workflow's own id */
  readonly workflowId?: string;
  /** `--storage <kind>`: where checkpoints go, `memory` or `file`. @defaultValue 'memory' */
  readonly storage?: string;
  /** `--path <dir>`: the output folder (file storage, and the run history `<dir>/flow.log`). @defaultValue '.output' */
  readonly path?: string;
  /** `--log-format <format>`: the format of warnings and errors on stderr, `text` or `json`. @defaultValue 'text' */
  readonly logFormat?: string;
  /** `--output <format>`: `json` prints the run's result as JSON instead of the view. @defaultValue 'text' */
  readonly output?: string;
}

/** The checked flags of `dotflow start`. */
export interface StartSettings {
  /** The options of `start()` the flags give. */
  readonly start: StartOptions;
  /** Where checkpoints go. */
  readonly storage: 'memory' | 'file';
  /** The output folder (file storage, and the run history `<path>/flow.log`), absolute. */
  readonly path: string;
  /** The format of warnings and errors on stderr. */
  readonly logFormat: 'text' | 'json';
  /** `json`: the result as JSON on stdout instead of the view. */
  readonly output: 'text' | 'json';
}

const ON_INPUT_CHANGE: readonly OnInputChange[] = ['reuse', 'reset', 'raise'];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Invalid ${flag} '${value}': expected one of ${allowed.join(', ')}`);
}

/**
 * Checks the flags of `dotflow start`; throws a {@link UsageError} naming a bad value.
 *
 * @example
 * ```ts
 * parseStartFlags({ mode: 'parallel', concurrency: '4' }, process.cwd()).start; // { mode: 'parallel', concurrency: 4 }
 * ```
 */
export function parseStartFlags(flags: StartFlags, cwd: string): StartSettings {
  let initialContext: unknown;
  if (flags.initialContext !== undefined) {
    try {
      initialContext = JSON.parse(flags.initialContext);
    } catch (error) {
      throw new UsageError(`Invalid --initial-context: not JSON (${(error as Error).message}); quote it, e.g. --initial-context '{"day":"2026-01-01"}'`);
    }
  }
  let concurrency: number | undefined;
  if (flags.concurrency !== undefined) {
    concurrency = Number(flags.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`Invalid --concurrency '${flags.concurrency}': expected an integer >= 1`);
  }
  const mode = flags.mode === undefined ? undefined : oneOf<ExecutionMode>('--mode', flags.mode, EXECUTION_MODES, EXECUTION_MODES[0]!);
  const onInputChange = flags.onInputChange === undefined ? undefined : oneOf('--on-input-change', flags.onInputChange, ON_INPUT_CHANGE, 'reuse');
  if (flags.workflowId !== undefined && flags.workflowId.trim() === '') throw new UsageError('Invalid --workflow-id: empty');
  const start: StartOptions = {
    ...(mode !== undefined && { mode }),
    ...(concurrency !== undefined && { concurrency }),
    ...(flags.keepGoing === true && { keepGoing: true }),
    ...(flags.resume === true && { resume: true }),
    ...(onInputChange !== undefined && { onInputChange }),
    ...(flags.workflowId !== undefined && { workflowId: flags.workflowId }),
    ...(initialContext !== undefined && { initialContext }),
  };
  return {
    start,
    storage: oneOf('--storage', flags.storage, ['memory', 'file'] as const, 'memory'),
    path: resolve(cwd, flags.path ?? '.output'),
    logFormat: oneOf('--log-format', flags.logFormat, ['text', 'json'] as const, 'text'),
    output: oneOf('--output', flags.output, ['text', 'json'] as const, 'text'),
  };
}

/**
 * The config the CLI registers in tsyringe's root container before it loads the file, so that
 * a workflow made without a config of its own uses it: the storage of `--storage`, and a log that
 * writes every event to the run history `<path>/flow.log` and the warnings and errors to the
 * view (`--log-format` decides their format).
 *
 * @example
 * ```ts
 * const config = cliConfig(parseStartFlags({ storage: 'file' }, process.cwd()), (line) => console.error(line));
 * container.register(Config, { useValue: config });
 * ```
 */
export function cliConfig(settings: StartSettings, note: (line: string) => void, scheduler?: Scheduler): Config {
  const quiet: LogConsole = {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args: unknown[]) => note(args.map(String).join(' ')),
    error: (...args: unknown[]) => note(args.map(String).join(' ')),
  };
  return new Config({
    storage: settings.storage === 'file' ? new FileStorage({ path: settings.path }) : new MemoryStorage(),
    log: new ConsoleLog({ level: 'info', format: settings.logFormat, output: 'both', path: join(settings.path, 'flow.log'), console: quiet }),
    ...(scheduler !== undefined && { scheduler }),
  });
}

/** Cancels a run on SIGINT: the in-process stand-in is a plain `AbortController`. */
export interface Interrupt {
  /** Aborted on SIGINT: the run is cancelled. */
  readonly signal: AbortSignal;
  /** Stops listening. */
  dispose(): void;
}

function sigint(): Interrupt {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => { process.removeListener('SIGINT', onSigint); } };
}

/**
 * Runs `dotflow start <file>[#Export]`: resolves with the exit status.
 *
 * @example
 * ```ts
 * process.exitCode = await startCommand('src/workflow.ts', { mode: 'parallel', storage: 'file' }, processIo());
 * ```
 */
export async function startCommand(specifier: string, flags: StartFlags, io: CliIo, interrupt: Interrupt = sigint()): Promise<ExitCode> {
  let view: RunView | undefined;
  const pending: string[] = [];
  const note = (line: string): void => { if (view) view.note(line); else pending.push(line); };
  try {
    const settings = parseStartFlags(flags, io.cwd);
    const config = cliConfig(settings, note);
    container.register(Config, { useValue: config });
    const workflow: Runnable = await loadWorkflow(specifier, io.cwd);
    const plan = workflow.describe();
    const retries = new Map(plan.tasks.map((t) => [t.taskId, t.options.retry]));
    const silent = settings.output === 'json';
    const sink: CliIo = silent ? { ...io, out: () => undefined } : io;
    view = io.live && !silent ? new LiveView(sink, plan.tasks.map((t) => t.taskId), retries) : new PlainView(sink, retries);
    for (const line of pending.splice(0)) view.note(line);
    const current = view;
    const subscription = workflow.events$.subscribe((event) => current.event(event));
    let result: WorkflowResult | undefined;
    try {
      const started = await workflow.start({ ...settings.start, signal: interrupt.signal });
      result = 'done' in started ? await started.done : started;
    } finally {
      subscription.unsubscribe();
      const interrupted = interrupt.signal.aborted;
      current.end(result, interrupted);
      await Promise.all([...new Set([workflow.config, config])].map((c) => c.flush({ timeoutMs: 5_000 })));
    }
    if (silent) io.out(`${JSON.stringify(workflow.result())}\n`);
    if (interrupt.signal.aborted) return ExitCode.Interrupted;
    return result.status === WorkflowStatus.Completed ? ExitCode.Ok : ExitCode.Failed;
  } finally {
    interrupt.dispose();
  }
}
