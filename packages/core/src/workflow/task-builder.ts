import type { DependencyContainer } from 'tsyringe';
import { MissingActionDecoratorError } from '../errors/missing-action-decorator.error';
import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { resolveClass } from '../internal/resolve-class';
import { getActionFunction } from '../metadata/action-metadata';
import { defineTask, hasActionMethods, planInstance, type AddSettings } from '../plan/class-plan';
import type { TaskCallback, TaskDefinition } from '../plan/task-definition';
import { TaskIdAllocator } from '../plan/task-id-allocator';
import type { StepContext } from '../context/step-context';
import type { StepFunction } from '../decorators/action.function';

/** A step class: any class with `@Action` methods, resolved from the builder's container. */
export type StepClass = abstract new (...args: never[]) => object;
/** What `task.add({ step })` takes: an `action()` function, a step class, or a list of them. */
export type Step = StepFunction | StepClass | readonly Step[];

/**
 * Options of `task.add()`.
 *
 * @example
 * ```ts
 * flow.task.add({ step: [extract, load], initialContext: { day: 1 }, groupName: 'etl' });
 * ```
 */
export interface AddTaskOptions {
  /** The step(s) to add. */
  readonly step: Step;
  /** Runs after each added task's final status. */
  readonly callback?: TaskCallback;
  /** The added tasks' own initial context. @defaultValue start()'s `initialContext` */
  readonly initialContext?: unknown;
  /** Overrides the steps' `group`. @defaultValue each step's own `group` (`'default'` unless set) */
  readonly groupName?: string;
}

/**
 * The task list of a `DotFlow` (`flow.task`). Misuse is reported at `add`, and a failed `add`
 * adds nothing.
 *
 * @example
 * ```ts
 * const flow = new DotFlow({ workflowId: 'etl' });
 * flow.task.add({ step: extract }).add({ step: [transform, load] });
 * flow.task.count(); // 3
 * ```
 */
export class TaskBuilder {
  #tasks: TaskDefinition[] = [];
  #ids: TaskIdAllocator;

  public constructor(
    private readonly container: DependencyContainer,
    private readonly where: string,
  ) {
    this.#ids = new TaskIdAllocator(where);
  }

  /**
   * Adds steps as tasks: an `action()` function, a class with `@Action` methods (resolved from
   * the container; its methods become tasks in order), or a list of these.
   *
   * @returns this builder, to chain calls.
   * @throws MissingActionDecoratorError for a plain function or a class without `@Action` methods.
   * @throws DuplicateTaskNameError when a different step already has the same explicit name.
   * @throws InvalidActionOptionsError for a missing `step` or a bad `callback` or `groupName`.
   * @example
   * ```ts
   * flow.task.add({ step: fetchUsers }).add({ step: [transform, load], groupName: 'etl', callback: (t) => console.log(t.status) });
   * ```
   */
  public add(options: AddTaskOptions): this {
    if (typeof options !== 'object' || options === null || !('step' in options)) {
      throw new InvalidActionOptionsError('task.add()', 'step', options, 'is required: task.add({ step })');
    }
    const { callback, groupName } = options;
    if (callback !== undefined && typeof callback !== 'function') {
      throw new InvalidActionOptionsError('task.add()', 'callback', callback, 'must be a function');
    }
    if (groupName !== undefined && (typeof groupName !== 'string' || groupName.length === 0)) {
      throw new InvalidActionOptionsError('task.add()', 'groupName', groupName, 'must be a non-empty string');
    }
    const settings: AddSettings = {
      callback,
      groupName,
      initialContext: options.initialContext === undefined ? undefined : { value: options.initialContext },
    };
    const mark = this.#ids.mark();
    try {
      const added = this.#expand(options.step, settings, this.#ids);
      for (const task of added) this.#tasks.push(task);
    } catch (error) {
      this.#ids.rollback(mark);
      throw error;
    }
    return this;
  }

  /** How many tasks there are. */
  public count(): number {
    return this.#tasks.length;
  }

  /** Removes every task (ids start afresh). */
  public clear(): this {
    this.#tasks = [];
    this.#ids = new TaskIdAllocator(this.where);
    return this;
  }

  /** Reverses the task order (ids are kept). */
  public reverse(): this {
    this.#tasks.reverse();
    return this;
  }

  /** The tasks, in order (what a `DotFlow` runs). @internal */
  public definitions(): readonly TaskDefinition[] {
    return [...this.#tasks];
  }

  #expand(step: Step, settings: AddSettings, ids: TaskIdAllocator): TaskDefinition[] {
    if (Array.isArray(step)) return (step as readonly Step[]).flatMap((s) => this.#expand(s, settings, ids));
    const fn = getActionFunction(step);
    if (fn) {
      const run = fn.fn as (context: StepContext) => unknown;
      return [defineTask({ name: fn.name, explicitName: fn.explicitName, identity: step, options: fn.options, run, isolated: fn.isolated, anonymous: fn.anonymous }, ids, settings)];
    }
    if (hasActionMethods(step)) {
      const instance = resolveClass(this.container, step as unknown as new () => object, 'step class');
      return planInstance(instance, ids, settings);
    }
    throw new MissingActionDecoratorError(describeStep(step));
  }
}

function describeStep(step: unknown): string {
  if (typeof step !== 'function') return `The value ${step === null ? 'null' : typeof step}`;
  const isClass = /^class[\s{]/.test(Function.prototype.toString.call(step));
  const name = step.name || '(anonymous)';
  return isClass ? `Class ${name} (it has no @Action() methods)` : `Function ${name} (not wrapped with action())`;
}
