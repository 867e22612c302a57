// Loads the polyfills decorators rely on, first thing when the package loads (before any decorated
// class can be defined). Kept in one module so package.json can list it as the package's only
// side effect:
// - `reflect-metadata`, for legacy decorators (`experimentalDecorators`) and tsyringe;
// - `Symbol.metadata`, for standard (TC39) decorators. Node 20 has none, and TypeScript's emitted
//   helper gives a decorator no `context.metadata` without it. It is set to
//   `Symbol.for('Symbol.metadata')`, the symbol esbuild falls back to, so classes compiled by
//   either read the same key; a `Symbol.metadata` that already exists is kept.
import 'reflect-metadata';

const symbols = Symbol as SymbolConstructor & { metadata?: symbol };
if (symbols.metadata === undefined) {
  Object.defineProperty(Symbol, 'metadata', { value: Symbol.for('Symbol.metadata'), configurable: true });
}

/** `Symbol.metadata`: where standard decorators leave a class's metadata (`Class[Symbol.metadata]`). */
export const SYMBOL_METADATA: symbol = (Symbol as SymbolConstructor & { metadata: symbol }).metadata;
