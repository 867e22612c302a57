import type { StepContext } from '../context/step-context';
import type { ResolvedActionOptions } from '../options/action-options';
import type { Task } from '../task/task';

/** A task callback: runs after the task's final status. */
export type TaskCallback = (task: Task) => void | Promise<void>;

/** One task of a plan: everything the executor needs to run it. */
export interface TaskDefinition {
  readonly taskId: string;
  readonly name: string;
  readonly group: string;
  readonly options: ResolvedActionOptions;
  /** Calls the step (bound to its instance for methods). */
  readonly invoke: (context: StepContext) => unknown;
  readonly callback: TaskCallback | undefined;
  /** Present when the task was added with its own initial context. */
  readonly initialContext: { readonly value: unknown } | undefined;
  /** True for an anonymous function: its id depends on its position. */
  readonly anonymous: boolean;
}
