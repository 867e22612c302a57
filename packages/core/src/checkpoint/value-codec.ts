import { types } from 'node:util';
import { UnserializableValueError } from '../errors/unserializable-value.error';

/** A value JSON can hold as it is. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const TAG = '$t';

/**
 * Turns a value into JSON-safe data that {@link decodeValue} turns back into an equal value.
 * Plain data passes through; `undefined`, `NaN`, `±Infinity`, `-0`, `Date`, `Map`, `Set`, `BigInt`,
 * `Uint8Array` and `Buffer` become tagged objects `{ "$t": type, "v": payload }` (a plain object
 * that has a `$t` key of its own is tagged too, so decoding is unambiguous). An own `__proto__`
 * key stays an own key. Anything else is refused rather than silently changed.
 *
 * @param path - names the value in error messages, e.g. `the result of task "load"` (or a function
 *   that returns the name, called only when a value is refused).
 * @throws UnserializableValueError for functions, symbols, symbol keys, class instances (subclasses of
 *   `Date`, `Map`, `Set` or `Uint8Array` too) and cycles.
 * @example
 * ```ts
 * const json = JSON.stringify(encodeValue({ ids: new Set([1, 2]), total: 10n }, 'the result of task "load"'));
 * decodeValue(JSON.parse(json)); // { ids: Set { 1, 2 }, total: 10n }
 * ```
 */
export function encodeValue(value: unknown, path: string | (() => string) = 'the value'): JsonValue {
  // The paths that name a refused part (`….users[3].born`) are built only when a part is refused:
  // a first pass encodes without them, and a refusal encodes again with them, for the message.
  try {
    return encode(value, undefined, []);
  } catch (error) {
    if (error !== REFUSED) throw error;
  }
  return encode(value, typeof path === 'string' ? path : path(), []);
}

/** What the first, path-less pass throws for a value it refuses. */
const REFUSED: unique symbol = Symbol('refused');

/** A value at `path` cannot be encoded; without a path (the first pass), only says so. */
function refuse(path: string | undefined, what: string): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- an internal signal, caught by encodeValue
  if (path === undefined) throw REFUSED;
  throw new UnserializableValueError(path, what);
}

function encode(value: unknown, path: string | undefined, ancestors: object[]): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { [TAG]: 'Number', v: Object.is(value, -0) ? '-0' : String(value) };
    case 'undefined':
      return { [TAG]: 'undefined' };
    case 'bigint':
      return { [TAG]: 'BigInt', v: value.toString() };
    case 'function':
      return refuse(path, `a function (${value.name || 'anonymous'})`);
    case 'symbol':
      return refuse(path, `a symbol (${value.toString()})`);
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) refuse(path, 'a reference to an enclosing object (a cycle)');
  ancestors.push(object);
  try {
    return encodeObject(object, path, ancestors);
  } finally {
    ancestors.pop();
  }
}

function encodeObject(object: object, path: string | undefined, ancestors: object[]): JsonValue {
  if (Array.isArray(object)) {
    const out: JsonValue[] = new Array<JsonValue>(object.length);
    for (let i = 0; i < object.length; i++) out[i] = encode(object[i], (path === undefined ? undefined : `${path}[${i}]`), ancestors);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto === Object.prototype || proto === null) {
    const symbols = Object.getOwnPropertySymbols(object);
    if (symbols.length > 0) refuseSymbolKeys(object, symbols, path);
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(object)) setOwn(out, key, encode((object as Record<string, unknown>)[key], (path === undefined ? undefined : `${path}.${key}`), ancestors));
    return Object.prototype.hasOwnProperty.call(object, TAG) ? { [TAG]: 'Object', v: out } : out;
  }
  // Exact prototypes, not instanceof: a subclass (of Map, Date…) is a class instance, which would come back as its base class.
  if (proto === Date.prototype && types.isDate(object)) {
    return { [TAG]: 'Date', v: Number.isNaN(object.getTime()) ? 'Invalid' : object.toISOString() };
  }
  if (proto === Map.prototype && types.isMap(object)) {
    return { [TAG]: 'Map', v: [...object].map(([k, v], i) => [encode(k, (path === undefined ? undefined : `${path}<key ${i}>`), ancestors), encode(v, (path === undefined ? undefined : `${path}<value ${i}>`), ancestors)]) };
  }
  if (proto === Set.prototype && types.isSet(object)) return { [TAG]: 'Set', v: [...object].map((v, i) => encode(v, (path === undefined ? undefined : `${path}<item ${i}>`), ancestors)) };
  if (proto === Buffer.prototype && types.isUint8Array(object)) return { [TAG]: 'Buffer', v: (object as Buffer).toString('base64') };
  if (proto === Uint8Array.prototype && types.isUint8Array(object)) return { [TAG]: 'Uint8Array', v: Buffer.from(object).toString('base64') };
  const name = (object.constructor as { name?: string } | undefined)?.name ?? 'an object with a custom prototype';
  return refuse(path, `an instance of ${name}`);
}

/** Refuses an enumerable own symbol key (JSON has none; dropping it would change the value). */
function refuseSymbolKeys(object: object, symbols: readonly symbol[], path: string | undefined): void {
  for (const symbol of symbols) {
    if (Object.prototype.propertyIsEnumerable.call(object, symbol)) {
      refuse(path, `an object with the symbol key ${symbol.toString()} (symbol keys cannot be stored; use a string key)`);
    }
  }
}

/**
 * `out[key] = value`, except for a `__proto__` key: assigning it would set the object's prototype
 * (or do nothing) instead of adding the key, so it becomes an own property like any other.
 */
function setOwn<T>(out: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * The inverse of {@link encodeValue}.
 *
 * @example
 * ```ts
 * decodeValue(encodeValue(new Map([['a', new Date(0)]]))); // Map { 'a' => 1970-01-01T00:00:00.000Z }
 * ```
 */
export function decodeValue(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  if (Array.isArray(json)) return json.map(decodeValue);
  const o = json as Record<string, unknown>;
  const tag = o[TAG];
  if (typeof tag !== 'string') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(o)) setOwn(out, key, decodeValue(o[key]));
    return out;
  }
  const v = o['v'];
  switch (tag) {
    case 'undefined':
      return undefined;
    case 'Number':
      return v === '-0' ? -0 : Number(v);
    case 'BigInt':
      return BigInt(v as string);
    case 'Date':
      return new Date(v === 'Invalid' ? NaN : (v as string));
    case 'Map':
      return new Map((v as [unknown, unknown][]).map(([k, x]) => [decodeValue(k), decodeValue(x)]));
    case 'Set':
      return new Set((v as unknown[]).map(decodeValue));
    case 'Buffer':
      return Buffer.from(v as string, 'base64');
    case 'Uint8Array':
      return new Uint8Array(Buffer.from(v as string, 'base64'));
    case 'Object': {
      const out: Record<string, unknown> = {};
      for (const [key, x] of Object.entries(v as Record<string, unknown>)) setOwn(out, key, decodeValue(x));
      return out;
    }
    default:
      throw new TypeError(`unknown checkpoint value tag ${JSON.stringify(tag)}`);
  }
}
