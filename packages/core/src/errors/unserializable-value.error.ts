import { DotflowError } from './dotflow.error';

/**
 * A value cannot be stored in a checkpoint without changing it (a class instance, a function, a cycle…).
 *
 * @example
 * ```ts
 * class Point { constructor(readonly x: number) {} }
 * await flow.start({ resume: true, initialContext: new Point(1) });
 * // rejects with UnserializableValueError: Cannot store the initial context of task "…" in a checkpoint: an instance of Point …
 * ```
 */
export class UnserializableValueError extends DotflowError {
  /**
   * @param path - What could not be stored (`the result of task "load".items[2]`).
   * @param kind - What it is (`an instance of Point`, `a function (transform)`).
   */
  public constructor(public readonly path: string, public readonly kind: string) {
    super(
      `Cannot store ${path} in a checkpoint: ${kind} cannot be kept faithfully. Return plain data ` +
        `(objects, arrays, strings, numbers, booleans, null, undefined, Date, Map, Set, BigInt, Uint8Array, Buffer), ` +
        `e.g. convert the instance to a plain object first.`,
    );
  }
}
