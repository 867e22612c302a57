import type { StepContext } from '../context/step-context';
import type { IsolatedStepRef } from '../metadata/isolated-steps';
import type { ResolvedActionOptions } from '../options/action-options';
import type { Task } from '../task/task';

/** A task callback: runs after the task's final status. */
export type TaskCallback = (task: Task) => void | Promise<void>;

/**
 * A step as an {@link Invoker} sees it: its identity and options, the function that runs it in
 * this thread, and (for `isolate: 'worker'`) where another thread finds it. Plain data plus one
 * function: the plan says *what* runs; the invoker chosen at run time says *where*.
 */
export interface InvokableStep {
  /** The task's id: its name, suffixed `#2`, `#3`… for a repeated step. */
  readonly taskId: string;
  /** The task's name. */
  readonly name: string;
  /** The task's group. */
  readonly group: string;
  /** The step's options, defaults applied. */
  readonly options: ResolvedActionOptions;
  /** Calls the step in this thread (bound to its instance for methods). */
  readonly run: (context: StepContext) => unknown;
  /** With `isolate: 'worker'`: the module file and key under which a worker finds the step. */
  readonly isolated: IsolatedStepRef | undefined;
}

/** One task of a plan: everything the executor needs to run it. */
export interface TaskDefinition extends InvokableStep {
  readonly callback: TaskCallback | undefined;
  /** Present when the task was added with its own initial context. */
  readonly initialContext: { readonly value: unknown } | undefined;
  /** True for an anonymous function: its id depends on its position. */
  readonly anonymous: boolean;
}
