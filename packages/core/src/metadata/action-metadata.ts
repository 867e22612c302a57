import '../internal/reflect';
import type { ResolvedActionOptions } from '../options/action-options';
import type { IsolatedStepRef } from './isolated-steps';
import { ACTION_FUNCTION_KEY, ACTION_METHODS_KEY } from './metadata-keys';
import { ownStandardEntry, ownStandardMetadata, setOwnStandardEntry, type StandardMetadata } from './standard-metadata';

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

/**
 * The `@Action` methods a class declares itself (not its bases'), whichever decorators recorded
 * them: legacy ones in `reflect-metadata`, standard ones in the class's `Symbol.metadata`.
 */
export function getOwnActionMethods(target: Constructor): readonly ActionMethodMetadata[] {
  const legacy = (Reflect.getOwnMetadata(ACTION_METHODS_KEY, target) as readonly ActionMethodMetadata[] | undefined) ?? [];
  const metadata = ownStandardMetadata(target);
  const standard = metadata === undefined ? [] : getStandardActionMethods(metadata);
  if (standard.length === 0) return legacy;
  return legacy.length === 0 ? standard : Object.freeze([...legacy, ...standard]);
}

/** Records one more `@Action` method on a class (legacy decorators): a new frozen array, never the parent's. */
export function addOwnActionMethod(target: Constructor, entry: ActionMethodMetadata): void {
  const own = (Reflect.getOwnMetadata(ACTION_METHODS_KEY, target) as readonly ActionMethodMetadata[] | undefined) ?? [];
  Reflect.defineMetadata(ACTION_METHODS_KEY, Object.freeze([...own, Object.freeze(entry)]), target);
}

/** The `@Action` methods standard decorators recorded so far in a class's own metadata object. */
export function getStandardActionMethods(metadata: StandardMetadata): readonly ActionMethodMetadata[] {
  return (ownStandardEntry(metadata, ACTION_METHODS_KEY) as readonly ActionMethodMetadata[] | undefined) ?? [];
}

/**
 * Records one more `@Action` method in a class's own metadata object (standard decorators): a new
 * frozen array, never the parent's, which the object inherits.
 */
export function addStandardActionMethod(metadata: StandardMetadata, entry: ActionMethodMetadata): void {
  setOwnStandardEntry(metadata, ACTION_METHODS_KEY, Object.freeze([...getStandardActionMethods(metadata), Object.freeze(entry)]));
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
 * Marks a function as made by `action()`: its metadata, frozen, as an own non-enumerable property
 * under {@link ACTION_FUNCTION_KEY}. A property rather than a `reflect-metadata` entry per function
 * (three `Map`s: 0.8 KB and 0.6 µs a step, the per-step cost of a large or per-request builder
 * workflow) or a `WeakMap` entry (0.2 µs a step, the table churning when flows are built per
 * request). Keyed by `Symbol.for`, so every copy of the package reads it.
 */
export function setActionFunction(fn: object, meta: ActionFunctionMetadata): void {
  Object.defineProperty(fn, ACTION_FUNCTION_KEY, { value: Object.freeze(meta) });
}

/**
 * The `action()` metadata of a function, if it has some. A function marked by an older copy of
 * the package (in `reflect-metadata`, under the same key) is found too.
 */
export function getActionFunction(value: unknown): ActionFunctionMetadata | undefined {
  if (typeof value !== 'function') return undefined;
  if (Object.prototype.hasOwnProperty.call(value, ACTION_FUNCTION_KEY)) {
    return (value as unknown as Record<typeof ACTION_FUNCTION_KEY, ActionFunctionMetadata>)[ACTION_FUNCTION_KEY];
  }
  return Reflect.getOwnMetadata(ACTION_FUNCTION_KEY, value) as ActionFunctionMetadata | undefined;
}
