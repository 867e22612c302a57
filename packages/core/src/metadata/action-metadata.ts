import '../internal/reflect';
import { threadShared } from '../internal/thread-shared';
import type { ResolvedActionOptions } from '../options/action-options';
import type { IsolatedStepRef } from './isolated-steps';
import { ACTION_FUNCTION_KEY, ACTION_METHODS_KEY } from './metadata-keys';

/** What `@Action` records for one method. */
export interface ActionMethodMetadata {
  readonly key: string | symbol;
  /** The task name: `options.name` or the method name. */
  readonly name: string;
  readonly explicitName: boolean;
  readonly options: ResolvedActionOptions;
  /** With `isolate: 'worker'`: where a worker finds the method. */
  readonly isolated?: IsolatedStepRef;
}

/** What `action()` records for one function. */
export interface ActionFunctionMetadata {
  readonly fn: (context: never) => unknown;
  readonly name: string;
  /** True when neither the function nor the options give a name. */
  readonly anonymous: boolean;
  readonly explicitName: boolean;
  readonly options: ResolvedActionOptions;
  /** With `isolate: 'worker'`: where a worker finds the function. */
  readonly isolated?: IsolatedStepRef;
}

type Constructor = abstract new (...args: never[]) => unknown;

/** The `@Action` methods a class declares itself (not its bases'). */
export function getOwnActionMethods(target: Constructor): readonly ActionMethodMetadata[] {
  return (Reflect.getOwnMetadata(ACTION_METHODS_KEY, target) as readonly ActionMethodMetadata[] | undefined) ?? [];
}

/** Records one more `@Action` method on a class: a new frozen array, never the parent's. */
export function addOwnActionMethod(target: Constructor, entry: ActionMethodMetadata): void {
  const next = Object.freeze([...getOwnActionMethods(target), Object.freeze(entry)]);
  Reflect.defineMetadata(ACTION_METHODS_KEY, next, target);
}

const collected = new WeakMap<Constructor, readonly ActionMethodMetadata[]>();

/**
 * Every `@Action` method of a class in task order: outermost base first, each class's own in
 * declaration order. An override keeps its base's position; an override with `@Action` replaces
 * the base's options.
 */
export function collectActionMethods(target: Constructor): readonly ActionMethodMetadata[] {
  const cached = collected.get(target);
  if (cached) return cached;
  const chain: Constructor[] = [];
  for (let c: unknown = target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c as Constructor);
  }
  const order: (string | symbol)[] = [];
  const byKey = new Map<string | symbol, ActionMethodMetadata>();
  for (const ctor of chain) {
    for (const entry of getOwnActionMethods(ctor)) {
      if (!byKey.has(entry.key)) order.push(entry.key);
      byKey.set(entry.key, entry);
    }
  }
  const result = Object.freeze(order.map((key) => byKey.get(key) as ActionMethodMetadata));
  collected.set(target, result);
  return result;
}

/**
 * The `action()` functions of this thread and their metadata. A weak map rather than a
 * `reflect-metadata` entry per function (which is three `Map`s, about 0.8 KB a step: the per-step
 * cost of a large builder workflow); kept on `globalThis` under {@link ACTION_FUNCTION_KEY}'s name,
 * so every copy of the package loaded in a thread shares it.
 */
function actionFunctions(): WeakMap<object, ActionFunctionMetadata> {
  return threadShared(ACTION_FUNCTION_KEY.description as string, () => new WeakMap<object, ActionFunctionMetadata>());
}

/** Marks a function as made by `action()`. */
export function setActionFunction(fn: object, meta: ActionFunctionMetadata): void {
  actionFunctions().set(fn, Object.freeze(meta));
}

/**
 * The `action()` metadata of a function, if it has some. A function marked by an older copy of
 * the package (as `reflect-metadata` under {@link ACTION_FUNCTION_KEY}) is found too.
 */
export function getActionFunction(value: unknown): ActionFunctionMetadata | undefined {
  if (typeof value !== 'function') return undefined;
  return actionFunctions().get(value) ?? (Reflect.getOwnMetadata(ACTION_FUNCTION_KEY, value) as ActionFunctionMetadata | undefined);
}
