import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { DuplicateTaskNameError } from '../errors/duplicate-task-name.error';
import { addOwnActionMethod, getOwnActionMethods } from '../metadata/action-metadata';
import { WORKFLOW_BRAND } from '../metadata/metadata-keys';
import { callerFile } from '../internal/caller-file';
import { resolveActionOptions, type ActionOptions } from '../options/action-options';
import { isolateStep, wantsWorker } from './isolation';

/** Names of `Workflow` members that cannot be `@Action` methods. */
export const RESERVED_WORKFLOW_MEMBERS: ReadonlySet<string> = new Set([
  'workflowId', 'name', 'config', 'events$', 'run$', 'start', 'schedule',
  'resultTask', 'resultContext', 'resultStorage', 'result', 'describe', 'constructor',
]);

/**
 * Marks a method as a step: on a `Workflow` subclass its `@Action` methods are the tasks, in
 * declaration order; a class with `@Action` methods can also be added to a `DotFlow` builder.
 * Options are validated here, when the class is defined.
 *
 * @param options - retry, timeout, retryDelay, backoff, name, group, isolate; see {@link ActionOptions}.
 * @throws InvalidActionOptionsError for a bad option, a static or non-method member, or a reserved name.
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
export function Action(options?: ActionOptions): MethodDecorator {
  // `Action({...})` is evaluated in the module that defines the class: that is the file a worker loads.
  const file = wantsWorker(options) ? callerFile() : undefined;
  return (target, propertyKey, descriptor) => {
    const isStatic = typeof target === 'function';
    const ctor = (isStatic ? target : target.constructor) as abstract new (...args: never[]) => unknown;
    const member = typeof propertyKey === 'symbol' ? `[${propertyKey.description ?? ''}]` : propertyKey;
    const where = `@Action() on ${ctor.name}.${member}`;
    if (isStatic) {
      throw new InvalidActionOptionsError(where, 'target', 'static method', 'must be an instance method (remove "static")');
    }
    if (typeof descriptor.value !== 'function') {
      throw new InvalidActionOptionsError(where, 'target', descriptor.get ? 'accessor' : typeof descriptor.value, 'must be a method');
    }
    if (typeof propertyKey === 'string' && RESERVED_WORKFLOW_MEMBERS.has(propertyKey) && WORKFLOW_BRAND in target) {
      throw new InvalidActionOptionsError(
        where, 'method name', propertyKey, `is reserved by Workflow; rename the method (e.g. '${propertyKey}Step')`,
      );
    }
    const resolved = resolveActionOptions(options, where);
    if (resolved.name === undefined && typeof propertyKey === 'symbol') {
      throw new InvalidActionOptionsError(where, 'name', undefined, 'is required for a symbol-keyed method');
    }
    const name = resolved.name ?? sanitizeName(propertyKey as string);
    const explicitName = resolved.name !== undefined;
    if (explicitName && getOwnActionMethods(ctor).some((m) => m.explicitName && m.name === name)) {
      throw new DuplicateTaskNameError(name, `class ${ctor.name}`);
    }
    const isolated = resolved.isolate === 'worker'
      ? isolateStep(where, file, `${ctor.name}.${member}`, { kind: 'method', ctor, property: propertyKey }, ctor)
      : undefined;
    addOwnActionMethod(ctor, { key: propertyKey, name, explicitName, options: resolved, ...(isolated ? { isolated } : {}) });
  };
}

/** A task name from a method or function name: `#` is reserved for id suffixes. */
export function sanitizeName(name: string): string {
  return name.replace(/#/g, '_');
}
