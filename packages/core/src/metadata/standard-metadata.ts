import { SYMBOL_METADATA } from '../internal/reflect';

/** The metadata object standard (TC39) decorators share for one class (`context.metadata`). */
export type StandardMetadata = Record<PropertyKey, unknown>;

type Constructor = abstract new (...args: never[]) => unknown;

/**
 * The metadata object a class got from standard decorators (`Class[Symbol.metadata]`), if it has
 * one of its own: a subclass without decorators inherits its parent's through the prototype
 * chain, which is not its own.
 */
export function ownStandardMetadata(target: Constructor): StandardMetadata | undefined {
  if (!Object.prototype.hasOwnProperty.call(target, SYMBOL_METADATA)) return undefined;
  const value: unknown = (target as unknown as Record<symbol, unknown>)[SYMBOL_METADATA];
  return typeof value === 'object' && value !== null ? (value as StandardMetadata) : undefined;
}

/** True when a class was compiled with standard decorators (and has at least one). */
export function isStandardDecorated(target: Constructor): boolean {
  return ownStandardMetadata(target) !== undefined;
}

/** The value a class's standard metadata holds under `key` itself (not inherited), if any. */
export function ownStandardEntry(metadata: StandardMetadata, key: symbol): unknown {
  return Object.prototype.hasOwnProperty.call(metadata, key) ? metadata[key] : undefined;
}

/** Sets `key` on a class's own standard metadata object (never on a parent's, which it inherits). */
export function setOwnStandardEntry(metadata: StandardMetadata, key: symbol, value: unknown): void {
  Object.defineProperty(metadata, key, { value, writable: true, configurable: true });
}

/**
 * Gives a class (`Workflow`) standard metadata that marks it with `brand`: the metadata of every
 * subclass defined with standard decorators inherits it, so a method decorator can tell, from
 * `context.metadata` alone, that its class is a subclass.
 */
export function brandStandardMetadata(target: Constructor, brand: symbol): void {
  Object.defineProperty(target, SYMBOL_METADATA, { value: Object.freeze({ [brand]: true }), configurable: true });
}
