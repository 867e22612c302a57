import 'reflect-metadata';
import { FileStorage, MemoryStorage, action, decodeValue, encodeValue, type Storage } from '@dotflow/core';
import { newFlow, quietConfig, tempDir } from './helpers';

/** Round-trips through JSON text, as every storage does. */
const roundTrip = (value: unknown): unknown => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));

/** Asserts that `value` has a plain prototype and an own, enumerable `__proto__` key holding `expected`. */
function expectOwnProto(value: unknown, expected: unknown): void {
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  expect(Object.getOwnPropertyDescriptor(value, '__proto__')).toMatchObject({ value: expected, enumerable: true });
}

describe('value codec and an own "__proto__" key', () => {
  it('keeps an own "__proto__" key through encode, JSON text and decode', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"a":2}') as object;
    const encoded = encodeValue(value);
    expect(JSON.stringify(encoded)).toBe('{"__proto__":{"x":1},"a":2}');
    const decoded = roundTrip(value) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(['__proto__', 'a']);
    expectOwnProto(decoded, { x: 1 });
    expect(decoded['x']).toBeUndefined();
    expect(decoded['a']).toBe(2);
  });

  it('keeps it with a primitive value, nested, beside a "$t" key and in a null-prototype object', () => {
    expectOwnProto(roundTrip(JSON.parse('{"__proto__":5}')), 5);
    const nested = roundTrip({ list: [JSON.parse('{"__proto__":null}')] }) as { list: object[] };
    expectOwnProto(nested.list[0], null);
    const tagged = roundTrip(JSON.parse('{"$t":"Date","__proto__":{"v":1}}')) as Record<string, unknown>;
    expect(tagged['$t']).toBe('Date');
    expectOwnProto(tagged, { v: 1 });
    const bare = Object.create(null) as Record<string, unknown>;
    bare['__proto__'] = [1];
    expectOwnProto(roundTrip(bare), [1]);
  });

  it.each<[string, () => Storage]>([
    ['MemoryStorage', () => new MemoryStorage()],
    ['FileStorage', () => new FileStorage({ path: tempDir('dotflow-codec-') })],
  ])('restores it from a checkpoint on %s', async (_name, makeStorage) => {
    const storage = makeStorage();
    const build = () => {
      const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'proto' });
      flow.task.add({ step: action(function parsed() { return JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown; }) });
      return flow;
    };
    await build().start();
    const flow = build();
    const resumed = await flow.start({ resume: true });
    expect(resumed.tasks[0]?.status).toBe('Skipped');
    expectOwnProto(flow.resultStorage()[0], { x: 1 });
  });
});
