import { DotflowError } from './dotflow.error';

/** A value cannot be stored in a checkpoint without changing it (a class instance, a function, a cycle…). */
export class UnserializableValueError extends DotflowError {
  public constructor(public readonly path: string, public readonly kind: string) {
    super(
      `Cannot store ${path} in a checkpoint: ${kind} cannot be kept faithfully. Return plain data ` +
        `(objects, arrays, strings, numbers, booleans, null, undefined, Date, Map, Set, BigInt, Uint8Array, Buffer), ` +
        `e.g. convert the instance to a plain object first.`,
    );
  }
}
