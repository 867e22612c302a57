import type { Context } from '../context/context';
import type { Task } from '../task/task';

/**
 * What a mode sees of a run: its tasks, and one way to run a task with a previous context. A
 * mode decides only the order and the contexts; the run does everything else.
 */
export interface ModePort {
  readonly tasks: readonly Task[];
  /** The empty context: a chain's first previous context. */
  readonly empty: Context;
  readonly keepGoing: boolean;
  /** At most this many tasks (parallel) or groups (parallel_group) at once. */
  readonly concurrency: number;
  /** True once the run was cancelled. */
  readonly cancelled: boolean;
  /**
   * Runs `task` (one of `tasks`) fed `previous`, to its final status (then read `task.status` and
   * `task.currentContext`). Returns `undefined` when it finished synchronously.
   */
  runTask(task: Task, previous: Context): Promise<void> | undefined;
}

/** How a mode runs the tasks of a run; see `executor/modes`. */
export type ModeRunner = (port: ModePort) => Promise<void>;
