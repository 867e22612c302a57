import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { collectActionMethods, type ActionMethodMetadata } from '../metadata/action-metadata';
import type { StepContext } from '../context/step-context';
import type { ResolvedActionOptions } from '../options/action-options';
import type { IsolatedStepRef } from '../metadata/isolated-steps';
import type { TaskDefinition, TaskCallback } from './task-definition';
import type { TaskIdAllocator } from './task-id-allocator';

/** Extra settings of tasks added through a builder. */
export interface AddSettings {
  readonly callback: TaskCallback | undefined;
  readonly initialContext: { readonly value: unknown } | undefined;
  readonly groupName: string | undefined;
}

const NO_SETTINGS: AddSettings = { callback: undefined, initialContext: undefined, groupName: undefined };

/** True when a class (or one of its bases) has `@Action` methods. */
export function hasActionMethods(target: unknown): boolean {
  return typeof target === 'function' && collectActionMethods(target as abstract new () => unknown).length > 0;
}

/** The tasks of an instance's `@Action` methods, in task order, bound to that instance. */
export function planInstance(
  instance: object,
  ids: TaskIdAllocator,
  settings: AddSettings = NO_SETTINGS,
): TaskDefinition[] {
  const ctor = instance.constructor as abstract new () => unknown;
  return collectActionMethods(ctor).map((meta) => methodTask(instance, meta, ids, settings));
}

function methodTask(
  instance: object,
  meta: ActionMethodMetadata,
  ids: TaskIdAllocator,
  settings: AddSettings,
): TaskDefinition {
  const method = (instance as Record<string | symbol, unknown>)[meta.key] as (context: StepContext) => unknown;
  if (meta.isolated !== undefined) checkIsolatedOwner(instance, meta.isolated);
  return defineTask(
    { name: meta.name, explicitName: meta.explicitName, identity: meta, options: meta.options, run: method.bind(instance), isolated: meta.isolated, anonymous: false },
    ids,
    settings,
  );
}

/**
 * A method with `isolate: 'worker'` runs in a worker, on an instance of the class that declares
 * it: an instance of a subclass cannot be rebuilt there, as the worker knows no subclass.
 */
function checkIsolatedOwner(instance: object, ref: IsolatedStepRef): void {
  const owner = ref.owner;
  if (owner !== undefined && instance.constructor !== owner) {
    const running = instance.constructor.name;
    throw new InvalidActionOptionsError(
      `@Action() on ${ref.key}`, 'isolate', 'worker',
      `runs the step in a worker on a fresh ${owner.name}, but this task belongs to its subclass ${running}: ` +
        `override the method in ${running} with @Action({ isolate: 'worker' }) of its own`,
    );
  }
}

/** A step as the plan sees it, whichever way it was declared. */
export interface StepSource {
  readonly name: string;
  /** True when the name was given (`options.name`): two different steps may not share it. */
  readonly explicitName: boolean;
  /** Tells one step from another (the same step added twice gets `name#2`). */
  readonly identity: unknown;
  readonly options: ResolvedActionOptions;
  readonly run: (context: StepContext) => unknown;
  readonly isolated: IsolatedStepRef | undefined;
  readonly anonymous: boolean;
}

/** The task of one step: its id allocated, a builder's settings applied (`groupName` wins over the action's group). */
export function defineTask(source: StepSource, ids: TaskIdAllocator, settings: AddSettings = NO_SETTINGS): TaskDefinition {
  return Object.freeze({
    taskId: ids.allocate(source.name, source.explicitName, source.identity),
    name: source.name,
    group: settings.groupName ?? source.options.group,
    options: source.options,
    run: source.run,
    isolated: source.isolated,
    callback: settings.callback,
    initialContext: settings.initialContext,
    anonymous: source.anonymous,
  });
}
