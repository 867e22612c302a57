import { toTaskError } from './task';

/** Values a step can throw whose conversion to text or reading of `name`/`message`/`stack` throws. */
function hostileValues(): [string, unknown, string][] {
  const throwingToString = { toString(): string { throw new Error('no text'); } };
  const throwingGetters = new Error('hidden');
  for (const key of ['stack', 'name', 'message']) {
    Object.defineProperty(throwingGetters, key, { get(): never { throw new Error(`no ${key}`); } });
  }
  const throwingProxy = new Proxy({}, { get(): never { throw new Error('trap'); }, getPrototypeOf(): never { throw new Error('trap'); } });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  return [
    ['a null-prototype object', Object.create(null), 'Object'],
    ['an object whose toString throws', throwingToString, 'Object'],
    ['an Error whose name, message and stack getters throw', throwingGetters, 'Error'],
    ['a Proxy whose traps throw', throwingProxy, 'Object'],
    ['a revoked Proxy', revoked.proxy, 'Object'],
  ];
}

describe('toTaskError', () => {
  it('keeps an Error\'s class name, message and stack', () => {
    const error = new TypeError('bad');
    expect(toTaskError(error, 2)).toEqual({ attempt: 2, exception: 'TypeError', message: 'bad', stack: error.stack });
  });

  it.each<[unknown, string, string]>([
    [null, 'null', 'null'],
    [undefined, 'undefined', 'undefined'],
    ['boom', 'string', 'boom'],
    [42, 'number', '42'],
    [Symbol('why'), 'symbol', 'Symbol(why)'],
  ])('describes a thrown %p as %s', (value, exception, message) => {
    expect(toTaskError(value, 1)).toEqual({ attempt: 1, exception, message, stack: '' });
  });

  it.each(hostileValues())('never throws for %s', (_label, value, exception) => {
    const error = toTaskError(value, 3);
    expect(error.attempt).toBe(3);
    expect(error.exception).toBe(exception);
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.stack).toBe('');
  });

  it('describes a null-prototype object as `String()` does a plain one', () => {
    expect(toTaskError(Object.create(null), 1).message).toBe('[object Object]');
  });

  it('keeps the parts it can read when others throw', () => {
    const error = new RangeError('kept');
    Object.defineProperty(error, 'stack', { get(): never { throw new Error('no stack'); } });
    expect(toTaskError(error, 1)).toEqual({ attempt: 1, exception: 'RangeError', message: 'kept', stack: '' });
  });

  it('gives strings for an Error whose message and stack are not strings', () => {
    const error = new Error('x');
    Object.assign(error, { message: 42, stack: undefined });
    expect(toTaskError(error, 1)).toEqual({ attempt: 1, exception: 'Error', message: '42', stack: '' });
  });
});
