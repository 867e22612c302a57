/// <reference types="jest" />
import type { Storage } from '../providers/storage';

/** One way to write (`set`, or `setSync` where offered), read or list, by name. */
type Way<TCall> = readonly [name: string, call: TCall];
type Write = (key: string, value: unknown) => Promise<void> | void;
type Read = (key: string) => unknown; // a value, or a promise of one
type List = (prefix: string) => Promise<string[]> | string[];

/** `set`, and `setSync` when the storage offers it. */
function writesOf(storage: Storage): Way<Write>[] {
  const setSync = storage.setSync?.bind(storage);
  return [['set', (key, value) => storage.set(key, value)], ...(setSync ? [['setSync', setSync] as const] : [])];
}

/** `get`, and `getSync` when the storage offers it. */
function readsOf(storage: Storage): Way<Read>[] {
  const getSync = storage.getSync?.bind(storage);
  return [['get', (key) => storage.get(key)], ...(getSync ? [['getSync', getSync] as const] : [])];
}

/** `keys`, and `keysSync` when the storage offers it. */
function listsOf(storage: Storage): Way<List>[] {
  const keysSync = storage.keysSync?.bind(storage);
  return [['keys', (prefix) => storage.keys(prefix)], ...(keysSync ? [['keysSync', keysSync] as const] : [])];
}

/** Sorted, so that listings compare whatever their order. */
async function sorted(keys: Promise<string[]> | string[]): Promise<string[]> {
  return [...(await keys)].sort();
}

/**
 * The part of `describeStorageContract` for the optional synchronous methods (`getSync`,
 * `setSync`, `keysSync`), which the executor prefers where a storage offers them: each one the
 * storage returned by `current()` offers must behave as its async counterpart, on the same data.
 * Every pair (write one way, read another) is checked, so with no synchronous method these tests
 * check the async ones again.
 */
export function describeSyncContract(current: () => Storage): void {
  describe('synchronous methods (getSync, setSync, keysSync), each where the storage offers it', () => {
    const value = { status: 'Completed', storage: { list: [1, 'two', null], n: 1.5, ok: true } };

    it('read back what any way wrote, by any way; undefined for a missing key', async () => {
      const storage = current();
      for (const [readName, read] of readsOf(storage)) {
        expect({ readName, value: await read(storage.key('wf', 'missing')) }).toEqual({ readName, value: undefined });
        for (const [writeName, write] of writesOf(storage)) {
          const via = `${writeName} then ${readName}`;
          const key = storage.key('wf', via);
          for (const v of [value, null, 0, '', 'text', [1, [2]]]) {
            await write(key, v);
            expect({ via, value: await read(key) }).toEqual({ via, value: v });
          }
        }
      }
    });

    it('do not share stored objects with the caller', async () => {
      const storage = current();
      for (const [writeName, write] of writesOf(storage)) {
        for (const [readName, read] of readsOf(storage)) {
          const via = `${writeName} then ${readName}`;
          const key = storage.key('wf', via);
          const mine = { a: [1] };
          await write(key, mine);
          mine.a.push(2);
          const first = (await read(key)) as { a: number[] };
          first.a.push(3);
          expect({ via, value: await read(key) }).toEqual({ via, value: { a: [1] } });
        }
      }
    });

    it('list by prefix what any way wrote, leaving other workflows out, by any way', async () => {
      const storage = current();
      const expected: string[] = [];
      for (const [writeName, write] of writesOf(storage)) {
        for (const id of ['wf', 'a/b', '..', 'x'.repeat(300)]) {
          await write(storage.key(id, writeName), writeName);
          if (id === 'wf') expected.push(storage.key(id, writeName));
        }
        await write(storage.key('wf2', writeName), 'other');
        await write(storage.key('w', writeName), 'other');
      }
      for (const [listName, list] of listsOf(storage)) {
        expect({ listName, keys: await sorted(list(storage.prefix('wf'))) }).toEqual({ listName, keys: expected.sort() });
        expect({ listName, keys: await list(storage.prefix('empty')) }).toEqual({ listName, keys: [] });
      }
    });

    it('interleave with the async methods on the same data: deletes and overwrites are seen at once', async () => {
      const storage = current();
      const [key, other] = [storage.key('wf', 'a'), storage.key('wf', 'b')];
      for (const [writeName, write] of writesOf(storage)) {
        for (const [readName, read] of readsOf(storage)) {
          for (const [listName, list] of listsOf(storage)) {
            const via = `${writeName}, ${readName}, ${listName}`;
            await write(key, 1);
            await storage.set(key, 2);
            await write(other, 3);
            expect({ via, a: await read(key), keys: await sorted(list(storage.prefix('wf'))) }).toEqual({ via, a: 2, keys: [key, other].sort() });
            expect(await storage.delete(key)).toBe(true);
            expect({ via, a: await read(key), keys: await list(storage.prefix('wf')) }).toEqual({ via, a: undefined, keys: [other] });
            expect(await storage.deletePrefix(storage.prefix('wf'))).toBe(1);
            expect({ via, b: await read(other), keys: await list(storage.prefix('wf')) }).toEqual({ via, b: undefined, keys: [] });
          }
        }
      }
    });
  });
}
