import { UnserializableValueError } from '../errors/unserializable-value.error';
import { decodeValue, encodeValue } from './value-codec';

const roundTrip = (value: unknown): unknown => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));

class Money extends Map<string, number> {}
class Stamp extends Date {}
class Tags extends Set<string> {}
class Bytes extends Uint8Array {}

function refusal(value: unknown, path?: string): string {
  try {
    encodeValue(value, path);
  } catch (error) {
    expect(error).toBeInstanceOf(UnserializableValueError);
    return (error as Error).message;
  }
  throw new Error('the value was accepted');
}

describe('value codec: subclasses of the types it stores', () => {
  it.each<[string, unknown, string]>([
    ['Map', new Money([['a', 1]]), 'Money'],
    ['Date', new Stamp(0), 'Stamp'],
    ['Set', new Tags(['x']), 'Tags'],
    ['Uint8Array', new Bytes([1, 2]), 'Bytes'],
  ])('refuses a subclass of %s as a class instance', (_base, value, name) => {
    expect(refusal({ items: [value] }, 'the result of task "t"')).toContain(`Cannot store the result of task "t".items[0] in a checkpoint: an instance of ${name} cannot`);
  });

  it('refuses an object that only borrows a prototype', () => {
    expect(refusal(Object.create(Date.prototype))).toContain('an instance of Date');
    expect(refusal(Object.create(Map.prototype))).toContain('an instance of Map');
  });

  it('still round-trips the base classes and Buffer', () => {
    expect(roundTrip(new Map([['a', 1]]))).toEqual(new Map([['a', 1]]));
    expect(roundTrip(new Set([1]))).toEqual(new Set([1]));
    expect(roundTrip(new Date(5))).toEqual(new Date(5));
    const bytes = roundTrip(new Uint8Array([1, 2]));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(bytes).toEqual(new Uint8Array([1, 2]));
    for (const buffer of [Buffer.from('hi'), Buffer.alloc(3), Buffer.allocUnsafe(2).fill(7)]) {
      const back = roundTrip(buffer);
      expect(Buffer.isBuffer(back)).toBe(true);
      expect(back).toEqual(buffer);
    }
  });
});

describe('value codec: symbol keys', () => {
  it('refuses an enumerable own symbol key, naming the path and saying why', () => {
    const message = refusal({ a: { b: 1, [Symbol('s')]: 2 } }, 'the result of task "t"');
    expect(message).toContain('Cannot store the result of task "t".a in a checkpoint');
    expect(message).toContain('Symbol(s)');
    expect(message).toContain('symbol keys cannot be stored');
  });

  it('refuses one on a null-prototype object', () => {
    const bare = Object.create(null) as Record<symbol, unknown>;
    bare[Symbol.for('k')] = 1;
    expect(refusal(bare)).toContain('Symbol(k)');
  });

  it('leaves a non-enumerable symbol key alone, as a non-enumerable string key', () => {
    const value = { a: 1 };
    Object.defineProperty(value, Symbol('hidden'), { value: 2, enumerable: false });
    Object.defineProperty(value, 'hidden', { value: 3, enumerable: false });
    expect(roundTrip(value)).toEqual({ a: 1 });
  });
});
