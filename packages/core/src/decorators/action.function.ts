import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { setActionFunction } from '../metadata/action-metadata';
import { resolveActionOptions, type ActionOptions, type ResolvedActionOptions } from '../options/action-options';
import type { StepContext } from '../context/step-context';
import { callerFile } from '../internal/caller-file';
import { sanitizeName } from './record-action';
import { isolateStep, wantsWorker } from './isolation';

/**
 * Any function usable as a step: it takes a {@link StepContext} (or nothing) and returns a value or
 * a promise. An unannotated parameter is a `StepContext<unknown, unknown>`; annotate it
 * (`StepContext<{ users: string[] }>`) to type the contexts. (Declared as a method so that steps
 * with narrower context types are accepted.)
 */
export type StepFunction = {
  /** The step: gets its run's context, returns its result (or a promise of it). */
  bivarianceHack(context: StepContext): unknown;
}['bivarianceHack'];

/** A function wrapped by `action()`: callable as before, carrying its validated options. */
export type ActionFunction<TFn extends StepFunction = StepFunction> = TFn & {
  /** The validated options, defaults applied. */
  readonly actionOptions: ResolvedActionOptions;
};

/**
 * What `action(options)` returns: wraps a function with those options.
 *
 * @typeParam TFn - the wrapped function's own type, kept.
 * @example
 * ```ts
 * const retried: ActionWrapper = action({ retry: 3 });
 * const load = retried(async function load() { return 1; });
 * ```
 */
export type ActionWrapper = <TFn extends StepFunction>(fn: TFn) => ActionFunction<TFn>;

/**
 * Makes a function a step (the builder counterpart of `@Action`).
 * `action(fn)`, `action(options, fn)` and `action(options)(fn)` all work.
 * The task name is `options.name`, else the function's name; an anonymous function is named
 * `step` (give it a name to resume it).
 *
 * @typeParam TFn - the wrapped function's own type, kept: the step is still callable as it was.
 * @throws InvalidActionOptionsError for a bad option or a non-function.
 * @example
 * ```ts
 * const fetchUsers = action({ retry: 3 }, async function fetchUsers() {
 *   return { users: ['Alice', 'Bob'] };
 * });
 * new DotFlow().task.add({ step: fetchUsers });
 * ```
 */
export function action<TFn extends StepFunction>(fn: TFn): ActionFunction<TFn>;
export function action<TFn extends StepFunction>(options: ActionOptions, fn: TFn): ActionFunction<TFn>;
export function action(options: ActionOptions): ActionWrapper;
export function action(first: StepFunction | ActionOptions, second?: StepFunction): ActionFunction | ActionWrapper {
  if (typeof first === 'function') return wrap(first, undefined, undefined);
  // `action({...})` is called in the module that defines the step: that is the file a worker loads.
  const file = wantsWorker(first) ? callerFile() : undefined;
  if (second !== undefined) return wrap(second, first, file);
  resolveActionOptions(first, 'action()'); // report bad options at once, not when fn arrives
  return <TFn extends StepFunction>(fn: TFn) => wrap(fn, first, file);
}

function wrap<TFn extends StepFunction>(fn: TFn, options: ActionOptions | undefined, file: string | undefined): ActionFunction<TFn> {
  if (typeof fn !== 'function') {
    throw new InvalidActionOptionsError('action()', 'fn', fn, 'must be the step function to wrap');
  }
  const ownName = fn.name ? sanitizeName(fn.name) : '';
  const where = `action() on ${ownName || '(anonymous function)'}`;
  const resolved = resolveActionOptions(options, where);
  const name = resolved.name ?? (ownName || 'step');
  // Named by its key (a function in a computed property is named after it) rather than by
  // redefining `name` afterwards: that turns the function's properties into a dictionary
  // (about 0.5 KB a step). The `name` property is the same: non-writable, non-enumerable, configurable.
  const wrapper = {
    [name]: function (this: unknown, context: StepContext): unknown {
      return fn.call(this, context);
    },
  }[name] as (context: StepContext) => unknown;
  Object.defineProperty(wrapper, 'actionOptions', { value: resolved, enumerable: true });
  const isolated = resolved.isolate === 'worker'
    ? isolateStep(where, file, name, { kind: 'function', fn }, undefined)
    : undefined;
  setActionFunction(wrapper, {
    fn,
    name,
    anonymous: resolved.name === undefined && ownName === '',
    explicitName: resolved.name !== undefined,
    options: resolved,
    ...(isolated ? { isolated } : {}),
  });
  return wrapper as unknown as ActionFunction<TFn>;
}
