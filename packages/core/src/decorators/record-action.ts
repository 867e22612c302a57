import { DuplicateTaskNameError } from '../errors/duplicate-task-name.error';
import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import type { ActionMethodMetadata } from '../metadata/action-metadata';
import type { IsolatedStepRef } from '../metadata/isolated-steps';
import { resolveActionOptions } from '../options/action-options';

/** Names of `Workflow` members that cannot be `@Action` methods. */
export const RESERVED_WORKFLOW_MEMBERS: ReadonlySet<string> = new Set([
  'workflowId', 'name', 'config', 'events$', 'run$', 'start', 'schedule',
  'resultTask', 'resultContext', 'resultStorage', 'result', 'describe', 'constructor',
]);

/** The method `@Action` decorates, as legacy and standard decorators both describe it. */
export interface ActionMethodTarget {
  /** Names the method in messages, e.g. `@Action() on Etl.transform`. */
  readonly where: string;
  readonly key: string | symbol;
  /** True when the class is a `Workflow` subclass (its reserved names are refused). */
  readonly isWorkflow: boolean;
  /** The `@Action` methods the class declared before this one. */
  readonly own: readonly ActionMethodMetadata[];
  /** Names the class in a {@link DuplicateTaskNameError}, given the method that has the name already. */
  readonly describeClass: (twin: ActionMethodMetadata) => string;
  /** For `isolate: 'worker'`: registers the method for workers and says where it comes from. */
  readonly isolate: () => IsolatedStepRef;
  /** Records the method. */
  readonly add: (entry: ActionMethodMetadata) => void;
}

/**
 * Validates `@Action` on a method and records it: the checks and the metadata both kinds of
 * decorators share.
 *
 * @throws InvalidActionOptionsError for a bad option, a reserved name or a symbol key without `name`.
 * @throws DuplicateTaskNameError when another method of the class has the same explicit `name`.
 */
export function recordActionMethod(target: ActionMethodTarget, options: unknown): void {
  const { where, key } = target;
  if (typeof key === 'string' && RESERVED_WORKFLOW_MEMBERS.has(key) && target.isWorkflow) {
    throw new InvalidActionOptionsError(where, 'method name', key, `is reserved by Workflow; rename the method (e.g. '${key}Step')`);
  }
  const resolved = resolveActionOptions(options, where);
  if (resolved.name === undefined && typeof key === 'symbol') {
    throw new InvalidActionOptionsError(where, 'name', undefined, 'is required for a symbol-keyed method');
  }
  const name = resolved.name ?? sanitizeName(key as string);
  const explicitName = resolved.name !== undefined;
  const twin = explicitName ? target.own.find((m) => m.explicitName && m.name === name) : undefined;
  if (twin !== undefined) throw new DuplicateTaskNameError(name, target.describeClass(twin));
  const isolated = resolved.isolate === 'worker' ? target.isolate() : undefined;
  target.add({ key, name, explicitName, options: resolved, ...(isolated ? { isolated } : {}) });
}

/** A member key as messages show it: `transform`, `#secret`, `[step]`. */
export function memberName(key: string | symbol): string {
  return typeof key === 'symbol' ? `[${key.description ?? ''}]` : key;
}

/** A task name from a method or function name: `#` is reserved for id suffixes. */
export function sanitizeName(name: string): string {
  return name.replace(/#/g, '_');
}

/** Why a field cannot be a step, and what to write instead. */
export function fieldAdvice(key: string | symbol): string {
  return `must be a method (write ${memberName(key)}() { … } rather than a field holding a function)`;
}
