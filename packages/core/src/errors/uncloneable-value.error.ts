import { DotflowError } from './dotflow.error';

/**
 * A value cannot cross to or from the worker of a step with `isolate: 'worker'`: its previous or
 * initial context, or its result, is not structured-cloneable (a function, a symbol, an object
 * holding one…). Recorded in `task.errors` of the attempt.
 *
 * @example
 * ```ts
 * const result = await flow.start();
 * result.tasks[0]?.errors[0]?.exception; // 'UncloneableValueError' when the worker step returned a function
 * ```
 */
export class UncloneableValueError extends DotflowError {
  /**
   * @param taskName - The task whose step runs in a worker.
   * @param what - What could not be copied, e.g. `'the result'` or `'the previous context'`.
   * @param detail - Why, as the structured clone reported it.
   */
  public constructor(
    public readonly taskName: string,
    /** What could not be copied, e.g. `'the result'` or `'the previous context'`. */
    public readonly what: string,
    detail: string,
  ) {
    super(
      `step "${taskName}" runs in a worker (isolate: 'worker'), but ${what} cannot be copied ${what === 'the result' ? 'from' : 'to'} it ` +
        `(${detail}). Values that cross to and from a worker must be structured-cloneable: plain objects, arrays, ` +
        `primitives, Date, Map, Set, RegExp, ArrayBuffer and typed arrays, errors; not functions, symbols or objects ` +
        `that hold them (class instances arrive as plain objects). Pass and return plain data.`,
    );
  }
}
