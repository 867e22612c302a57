/**
 * How a run schedules its tasks.
 *
 * @example
 * ```ts
 * await flow.start({ mode: ExecutionMode.Parallel });
 * ```
 */
export const ExecutionMode = {
  /** One task after another, each given the previous task's context (the default). */
  Sequential: 'sequential',
  /** Groups one after another; tasks in a group in order, with the group's own context chain. */
  SequentialGroup: 'sequential_group',
  /** Groups concurrently; tasks in a group in order, with the group's own context chain. */
  ParallelGroup: 'parallel_group',
  /** As the default mode, but `start()` resolves at once with a `BackgroundRun`. */
  Background: 'background',
  /** Every task at once (bounded by `concurrency`), each with an empty previous context. */
  Parallel: 'parallel',
} as const;

/** One of the {@link ExecutionMode} strings. */
export type ExecutionMode = (typeof ExecutionMode)[keyof typeof ExecutionMode];

/** The mode names, in the order of {@link ExecutionMode}. */
export const EXECUTION_MODES: readonly ExecutionMode[] = Object.freeze(Object.values(ExecutionMode));
