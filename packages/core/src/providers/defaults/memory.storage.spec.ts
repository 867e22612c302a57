import { MemoryStorage } from './memory.storage';

/** Calls `call` and says how it failed: 'threw' synchronously, 'rejected', or 'resolved'. */
async function howItEnds(call: () => Promise<unknown>): Promise<'threw' | 'rejected' | 'resolved'> {
  let pending: Promise<unknown>;
  try {
    pending = call();
  } catch {
    return 'threw';
  }
  return pending.then(() => 'resolved' as const, () => 'rejected' as const);
}

describe('MemoryStorage reports errors of its async methods as rejections', () => {
  it.each<[string, unknown]>([
    ['a BigInt', 1n],
    ['a cycle', (() => { const o: Record<string, unknown> = {}; o['o'] = o; return o; })()],
    ['a value with no JSON form', () => 1],
  ])('set() rejects for %s and stores nothing', async (_label, value) => {
    const storage = new MemoryStorage();
    expect(await howItEnds(() => storage.set('wf/a', value))).toBe('rejected');
    expect(await storage.keys('wf/')).toEqual([]);
  });

  it('setSync() keeps throwing', () => {
    expect(() => new MemoryStorage().setSync('wf/a', 1n)).toThrow(TypeError);
  });

  it.each<[string, (s: MemoryStorage) => Promise<unknown>]>([
    ['get', (s) => s.get(undefined as unknown as string)],
    ['set', (s) => s.set(undefined as unknown as string, 1)],
    ['delete', (s) => s.delete(undefined as unknown as string)],
    ['deletePrefix', (s) => s.deletePrefix(undefined as unknown as string)],
    ['keys', (s) => s.keys(undefined as unknown as string)],
  ])('%s() rejects rather than throws for a key that is not a string', async (_name, call) => {
    expect(await howItEnds(() => call(new MemoryStorage()))).toBe('rejected');
  });
});
