import { ExecutionModeNotExistError } from '../errors/execution-mode-not-exist.error';
import { InvalidOnInputChangeError } from '../errors/invalid-on-input-change.error';
import { InvalidStartOptionsError } from '../errors/invalid-start-options.error';
import type { Executor } from '../executor/executor';
import type { WorkflowResult } from '../task/workflow-result';
import { EXECUTION_MODES, type ExecutionMode } from './execution-mode';
import { given } from './given';

import type { OnInputChange } from './on-input-change';

export type { OnInputChange };

/**
 * Options of one run: `start(options)` and `run$(options)`.
 *
 * @example
 * ```ts
 * await flow.start({ keepGoing: true, initialContext: { since: '2026-01-01' }, onFailure: alert });
 * ```
 */
export interface StartOptions {
  /** How tasks are scheduled. @defaultValue 'sequential' (runs as 'parallel_group' when tasks span several groups) */
  readonly mode?: ExecutionMode;
  /** Run the tasks after a failed one (in its chain) anyway. @defaultValue false */
  readonly keepGoing?: boolean;
  /** Skip tasks whose checkpoint exists in the storage. @defaultValue false */
  readonly resume?: boolean;
  /** With `resume`, when the initial contexts changed. @defaultValue 'reuse' */
  readonly onInputChange?: OnInputChange;
  /** The initial context of every task that was not added with its own. @defaultValue null */
  readonly initialContext?: unknown;
  /** Called once after a run where no task failed. */
  readonly onSuccess?: (result: WorkflowResult) => void | Promise<void>;
  /** Called once after a run where a task failed, or that was cancelled. */
  readonly onFailure?: (result: WorkflowResult) => void | Promise<void>;
  /** Aborting it cancels the run. */
  readonly signal?: AbortSignal;
  /** At most this many tasks (parallel) or groups (parallel_group) at once. @defaultValue unbounded */
  readonly concurrency?: number;
  /**
   * Runs this one run under another workflow id than the instance's: its checkpoints, claim and
   * events use it (how one resolved workflow serves concurrent requests). Any non-empty string.
   * @defaultValue the instance's `workflowId`
   */
  readonly workflowId?: string;
  /** Where this run runs. @defaultValue `Config.executor` (in this process) */
  readonly executor?: Executor;
}

/** {@link StartOptions} validated, defaults applied. */
export interface NormalizedStartOptions {
  readonly mode: ExecutionMode;
  readonly keepGoing: boolean;
  readonly resume: boolean;
  readonly onInputChange: OnInputChange;
  readonly initialContext: unknown;
  readonly onSuccess: ((result: WorkflowResult) => void | Promise<void>) | undefined;
  readonly onFailure: ((result: WorkflowResult) => void | Promise<void>) | undefined;
  readonly signal: AbortSignal | undefined;
  readonly concurrency: number;
  readonly workflowId: string | undefined;
  readonly executor: Executor | undefined;
}

const KNOWN = new Set([
  'mode', 'keepGoing', 'resume', 'onInputChange', 'initialContext', 'onSuccess', 'onFailure', 'signal', 'concurrency',
  'workflowId', 'executor',
]);
const POLICIES: readonly unknown[] = ['reuse', 'reset', 'raise'];

/**
 * Validates run options before anything happens.
 *
 * @throws ExecutionModeNotExistError, InvalidOnInputChangeError, InvalidStartOptionsError
 */
export function normalizeStartOptions(options: StartOptions | undefined): NormalizedStartOptions {
  const o = (options ?? {}) as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new InvalidStartOptionsError('options', options, 'must be an object');
  }
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new InvalidStartOptionsError(key, o[key], `is not an option (known: ${[...KNOWN].join(', ')})`);
  }
  const mode = given(o, 'mode', 'sequential');
  if (!EXECUTION_MODES.includes(mode as ExecutionMode)) throw new ExecutionModeNotExistError(mode, EXECUTION_MODES);
  const onInputChange = given(o, 'onInputChange', 'reuse');
  if (!POLICIES.includes(onInputChange)) throw new InvalidOnInputChangeError(onInputChange);
  const keepGoing = bool(o, 'keepGoing');
  const resume = bool(o, 'resume');
  const onSuccess = fn<NormalizedStartOptions['onSuccess']>(o, 'onSuccess');
  const onFailure = fn<NormalizedStartOptions['onFailure']>(o, 'onFailure');
  const signal = o['signal'];
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidStartOptionsError('signal', signal, 'must be an AbortSignal (from new AbortController().signal)');
  }
  const concurrency = given(o, 'concurrency', Infinity);
  if (
    typeof concurrency !== 'number' ||
    !(concurrency === Infinity || (Number.isInteger(concurrency) && concurrency >= 1))
  ) {
    throw new InvalidStartOptionsError('concurrency', concurrency, 'must be an integer ≥ 1 (or leave it out for no bound)');
  }
  const workflowId = o['workflowId'];
  if (workflowId !== undefined && (typeof workflowId !== 'string' || workflowId.length === 0)) {
    throw new InvalidStartOptionsError('workflowId', workflowId, 'must be a non-empty string (or leave it out for the instance\'s id)');
  }
  const executor = o['executor'] as { submit?: unknown } | null | undefined;
  if (executor !== undefined && typeof executor?.submit !== 'function') {
    throw new InvalidStartOptionsError('executor', executor, 'must be an Executor (an object with submit())');
  }
  return {
    mode: mode as ExecutionMode,
    keepGoing,
    resume,
    onInputChange: onInputChange as OnInputChange,
    initialContext: o['initialContext'] ?? null,
    onSuccess,
    onFailure,
    signal,
    concurrency,
    workflowId,
    executor: executor as Executor | undefined,
  };
}

function bool(o: Record<string, unknown>, key: string): boolean {
  const v = given(o, key, false);
  if (typeof v !== 'boolean') throw new InvalidStartOptionsError(key, v, 'must be true or false');
  return v;
}

function fn<T>(o: Record<string, unknown>, key: string): T {
  const v = o[key];
  if (v !== undefined && typeof v !== 'function') throw new InvalidStartOptionsError(key, v, 'must be a function');
  return v as T;
}
