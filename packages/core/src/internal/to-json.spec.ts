import { toJsonValue } from './to-json';

describe('toJsonValue', () => {
  it('marks a cycle through a Map as [Circular] and keeps the rest', () => {
    const map = new Map<string, unknown>([['n', 1]]);
    map.set('self', map);
    expect(toJsonValue({ ok: true, map })).toEqual({ ok: true, map: { n: 1, self: '[Circular]' } });
  });

  it('marks a cycle through a Set as [Circular] and keeps the rest', () => {
    const set = new Set<unknown>([1]);
    set.add(set);
    expect(toJsonValue([set])).toEqual([[1, '[Circular]']]);
  });

  it('marks a cycle back to an object through a Map and a Set', () => {
    const root: Record<string, unknown> = { a: 1 };
    root['m'] = new Map([['s', new Set([root, 2])]]);
    expect(toJsonValue(root)).toEqual({ a: 1, m: { s: ['[Circular]', 2] } });
  });

  it('does not take a value seen twice side by side for a cycle', () => {
    const shared = new Map([['x', 1]]);
    const list = new Set([1]);
    expect(toJsonValue({ a: shared, b: shared, c: [list, list] })).toEqual({ a: { x: 1 }, b: { x: 1 }, c: [[1], [1]] });
  });

  it('still converts BigInt, undefined and a plain cycle', () => {
    const o: Record<string, unknown> = { big: 2n };
    o['self'] = o;
    expect(toJsonValue(o)).toEqual({ big: '2', self: '[Circular]' });
    expect(toJsonValue(undefined)).toBeNull();
  });
});
