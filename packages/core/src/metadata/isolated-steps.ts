import type { StepContext } from '../context/step-context';
import { threadShared } from '../internal/thread-shared';

/**
 * Where a step with `isolate: 'worker'` comes from: the file of the module that defines it, and
 * its key in that module (`Class.method` for an `@Action` method, the task name for an
 * `action()` function). A worker loads `file`, then finds the step under `key`.
 */
export interface IsolatedStepRef {
  /** The file of the module that defines the step (the worker loads it). */
  readonly file: string;
  /** The step's key in that module: `Class.method`, or the task name of an `action()` function. */
  readonly key: string;
  /** For a method: the class that declares it (a worker resolves that class, no subclass). */
  readonly owner: (abstract new (...args: never[]) => unknown) | undefined;
}

/** A step as a worker calls it. */
export type IsolatedStep =
  | { readonly kind: 'method'; readonly ctor: abstract new (...args: never[]) => unknown; readonly property: string | symbol }
  | { readonly kind: 'function'; readonly fn: (context: StepContext) => unknown };

/**
 * The isolated steps defined so far in this thread, by `file#key`, filled by `@Action` and
 * `action()` as modules load. Kept on `globalThis` (one per thread) so that every copy of the
 * package loaded in a thread shares it.
 */
function registry(): Map<string, IsolatedStep> {
  return threadShared('@dotflow/core/isolated-steps', () => new Map<string, IsolatedStep>());
}

/**
 * Records an isolated step. Returns `false` (and records nothing) when another step of the same
 * module already has this key: the worker could not tell them apart.
 */
export function registerIsolatedStep(ref: IsolatedStepRef, step: IsolatedStep): boolean {
  const id = `${ref.file}#${ref.key}`;
  const known = registry().get(id);
  if (known !== undefined && !sameStep(known, step)) return false;
  registry().set(id, step);
  return true;
}

/** The step recorded under `key` for `file`, once that module is loaded. */
export function findIsolatedStep(file: string, key: string): IsolatedStep | undefined {
  return registry().get(`${file}#${key}`);
}

function sameStep(a: IsolatedStep, b: IsolatedStep): boolean {
  if (a.kind === 'method' && b.kind === 'method') return a.ctor === b.ctor && a.property === b.property;
  return a.kind === 'function' && b.kind === 'function' && a.fn === b.fn;
}
