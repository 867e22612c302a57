import { collectActionMethods, type ActionMethodMetadata } from '../metadata/action-metadata';
import type { StepContext } from '../context/step-context';
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
  return Object.freeze({
    taskId: ids.allocate(meta.name, meta.explicitName, meta),
    name: meta.name,
    group: settings.groupName ?? meta.options.group,
    options: meta.options,
    invoke: method.bind(instance),
    callback: settings.callback,
    initialContext: settings.initialContext,
    anonymous: false,
  });
}
