import type { StepTaskInfo } from '../context/step-context';
import { toTaskError } from '../task/task';

/** A context as it crosses to a worker (structured clone keeps the `Date`). */
export interface ContextData {
  readonly storage: unknown;
  readonly taskId: string;
  readonly workflowId: string;
  readonly time: Date;
}

/** The `workerData` of a step's worker: which step to run, and its `StepContext` as data. */
export interface WorkerRequest {
  readonly file: string;
  readonly key: string;
  readonly previous: ContextData;
  readonly initial: ContextData;
  readonly task: StepTaskInfo;
}

/** An error as it crosses back: the fields of a `TaskError`. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
}

/** What a step's worker posts back, once. */
export type WorkerReply =
  | { readonly kind: 'result'; readonly value: unknown }
  /** The step threw (or its promise rejected), or its module threw while loading. */
  | { readonly kind: 'error'; readonly error: SerializedError }
  /** The result is not structured-cloneable. */
  | { readonly kind: 'uncloneable'; readonly detail: string }
  /** The module loaded, but it defines no isolated step with the key. */
  | { readonly kind: 'missing' }
  /** The module cannot be loaded by `require` (an ES module with top-level await). */
  | { readonly kind: 'esm'; readonly detail: string };

/** Any thrown value as a {@link SerializedError}, read the way `task.errors` reads it (never throws). */
export function serializeError(error: unknown): SerializedError {
  const { exception, message, stack } = toTaskError(error, 0);
  return { name: exception, message, stack };
}

const BUILT_IN: Readonly<Record<string, new (message: string) => Error>> = {
  Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
};

/**
 * An `Error` from a {@link SerializedError}: a built-in class when the name is one, else an
 * `Error` carrying the name, so `task.errors` reads the same class name, message and stack.
 */
export function rebuildError(data: SerializedError): Error {
  const error = new (BUILT_IN[data.name] ?? Error)(data.message);
  if (error.name !== data.name) Object.defineProperty(error, 'name', { value: data.name, configurable: true, writable: true });
  Object.defineProperty(error, 'stack', { value: data.stack, configurable: true, writable: true });
  return error;
}
