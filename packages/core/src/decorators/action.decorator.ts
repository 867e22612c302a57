import { callerFile } from '../internal/caller-file';
import type { ActionOptions } from '../options/action-options';
import { wantsWorker } from './isolation';
import { decorateLegacy } from './legacy-action';
import { decorateStandard, isStandardContext } from './standard-action';

export { RESERVED_WORKFLOW_MEMBERS } from './record-action';

/**
 * What `@Action()` returns: a method decorator for both kinds of decorators. TypeScript with
 * `experimentalDecorators` (and esbuild or tsx with it in the tsconfig) calls it the legacy way,
 * with `(prototype, key, descriptor)`; TypeScript 5+ without it, esbuild and tsx otherwise call
 * it the standard (TC39) way, with `(method, context)`. Both record the same step.
 *
 * @example
 * ```ts
 * const retried: ActionDecorator = Action({ retry: 3 });
 * class Steps { @retried fetch() { return 1; } }
 * ```
 */
export interface ActionDecorator {
  /** Standard (TC39) decorators: the method and its context. */
  <TThis>(value: (this: TThis, ...args: never[]) => unknown, context: ClassMethodDecoratorContext<TThis>): void;
  /** Legacy decorators (`experimentalDecorators`): the prototype, the method's key and its descriptor. */
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
}

/**
 * Marks a method as a step: on a `Workflow` subclass its `@Action` methods are the tasks, in
 * declaration order; a class with `@Action` methods can also be added to a `DotFlow` builder.
 * Options are validated here, when the class is defined. Works with legacy decorators
 * (`experimentalDecorators`) and standard ones alike; with standard decorators, messages name the
 * method without its class (a standard method decorator is not told it), and `isolate: 'worker'`
 * needs legacy decorators.
 *
 * @param options - retry, timeout, retryDelay, backoff, name, group, isolate; see {@link ActionOptions}.
 * @throws InvalidActionOptionsError for a bad option, a static, `#private` or non-method member, or a reserved name.
 * @throws DuplicateTaskNameError when two methods of the class share an explicit `name`.
 * @example
 * ```ts
 * @injectable()
 * class Etl extends Workflow {
 *   @Action({ retry: 3, retryDelay: 200, backoff: true })
 *   async extract() { return fetchRows(); }
 * }
 * ```
 */
export function Action(options?: ActionOptions): ActionDecorator {
  // `Action({...})` is evaluated in the module that defines the class: that is the file a worker loads.
  const file = wantsWorker(options) ? callerFile() : undefined;
  return (target: unknown, keyOrContext: unknown, descriptor?: PropertyDescriptor): void => {
    if (isStandardContext(keyOrContext)) decorateStandard(keyOrContext, options);
    else decorateLegacy(target, keyOrContext, descriptor, options, file);
  };
}
