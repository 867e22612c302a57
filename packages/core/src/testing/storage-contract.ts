/// <reference types="jest" />
import type { Storage } from '../providers/storage';
import { describeClaimContract } from './claim-contract';
import { describeSyncContract } from './sync-contract';

/** Ids every storage must store, list and delete, as workflow id and as task id: `[label, id]`. */
const ODD_IDS: readonly (readonly [string, string])[] = [
  ['a 300-character id', 'x'.repeat(300)],
  ['30 CJK characters', '工作流程数据'.repeat(5)],
  ['23 CJK characters', `${'检查点'.repeat(7)}文件`],
  ['"."', '.'],
  ['".."', '..'],
  ['"../x"', '../x'],
  ['"a/b"', 'a/b'],
  ['"CON"', 'CON'],
  ['"x.json"', 'x.json'],
  ['"#"', '#'],
  ['" "', ' '],
];

/** Options of {@link describeStorageContract}. */
export interface StorageContractOptions {
  /** Called after each test with the storage it made (close connections, remove folders…). @defaultValue nothing */
  readonly cleanup?: (storage: Storage) => void | Promise<void>;
  /**
   * Leaves a claim of `workflowId` on `storage` held by a holder that has died (for a lock file, a
   * lock naming a process that is gone; for a shared store, a claim whose holder stopped renewing
   * it, already expired). With it, the suite also checks that such a claim is taken over; without
   * it, that test is not defined. @defaultValue undefined
   */
  readonly deadHolder?: (storage: Storage, workflowId: string) => void | Promise<void>;
}

/**
 * A jest suite every `Storage` must pass: round-trip, missing key, delete, prefix delete and
 * listing, concurrent writers, and key safety (ids that look like paths or other workflows'
 * prefixes stay apart; long, non-Latin and odd ids such as `..`, `CON` or `x.json` are stored,
 * listed and deleted like any other); `claim` (one holder per id, ids independent, release then
 * claim again, a second release harmless, and, given `deadHolder`, a dead holder's claim taken
 * over); and every synchronous method the storage offers (`getSync`, `setSync`, `keysSync`),
 * which must behave as its async counterpart on the same data. Call it at the top level of a spec
 * file with a factory that returns a fresh, empty storage.
 *
 * @example
 * ```ts
 * import { describeStorageContract } from '@dotflow/core/testing';
 * describeStorageContract(() => new MyStorage());
 * describeStorageContract('RedisStorage', () => new RedisStorage({ url }), {
 *   cleanup: (s) => (s as RedisStorage).close(),
 *   deadHolder: (s, id) => (s as RedisStorage).writeExpiredClaim(id),
 * });
 * ```
 */
export function describeStorageContract(makeStorage: () => Storage | Promise<Storage>, options?: StorageContractOptions): void;
export function describeStorageContract(
  name: string,
  makeStorage: () => Storage | Promise<Storage>,
  options?: StorageContractOptions,
): void;
export function describeStorageContract(
  first: string | (() => Storage | Promise<Storage>),
  second?: (() => Storage | Promise<Storage>) | StorageContractOptions,
  third?: StorageContractOptions,
): void {
  const name = typeof first === 'string' ? first : 'Storage';
  const makeStorage = (typeof first === 'string' ? second : first) as () => Storage | Promise<Storage>;
  const options: StorageContractOptions = (typeof first === 'string' ? third : (second as StorageContractOptions | undefined)) ?? {};
  describe(`${name} storage contract`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await makeStorage();
    });
    afterEach(async () => {
      await options.cleanup?.(storage);
    });

    const value = { status: 'Completed', storage: { users: ['Ada', 'Grace'], n: 1.5, ok: true, none: null }, list: [1, 'two', [3]] };

    it('round-trips JSON values and overwrites on set', async () => {
      const key = storage.key('wf', 'task');
      await storage.set(key, value);
      expect(await storage.get(key)).toEqual(value);
      await storage.set(key, { v: 2 });
      expect(await storage.get(key)).toEqual({ v: 2 });
      for (const v of [null, 0, '', false, 'text', [1, 2]]) {
        await storage.set(key, v);
        expect(await storage.get(key)).toEqual(v);
      }
    });

    it('returns undefined for a missing key', async () => {
      expect(await storage.get(storage.key('wf', 'nope'))).toBeUndefined();
    });

    it('does not share stored objects with the caller', async () => {
      const key = storage.key('wf', 'task');
      const mine = { a: [1] };
      await storage.set(key, mine);
      mine.a.push(2);
      const read = (await storage.get(key)) as { a: number[] };
      expect(read).toEqual({ a: [1] });
      read.a.push(3);
      expect(await storage.get(key)).toEqual({ a: [1] });
    });

    it('deletes a key and says whether it existed', async () => {
      const key = storage.key('wf', 'task');
      await storage.set(key, 1);
      expect(await storage.delete(key)).toBe(true);
      expect(await storage.get(key)).toBeUndefined();
      expect(await storage.delete(key)).toBe(false);
    });

    it('lists and deletes by workflow prefix, leaving other workflows alone', async () => {
      for (const t of ['a', 'b', 'c']) await storage.set(storage.key('wf', t), t);
      await storage.set(storage.key('wf2', 'a'), 'other');
      await storage.set(storage.key('w', 'f'), 'other');
      expect((await storage.keys(storage.prefix('wf'))).sort()).toEqual(['a', 'b', 'c'].map((t) => storage.key('wf', t)).sort());
      expect(await storage.deletePrefix(storage.prefix('wf'))).toBe(3);
      expect(await storage.keys(storage.prefix('wf'))).toEqual([]);
      expect(await storage.get(storage.key('wf2', 'a'))).toBe('other');
      expect(await storage.get(storage.key('w', 'f'))).toBe('other');
      expect(await storage.deletePrefix(storage.prefix('empty'))).toBe(0);
    });

    it('keeps concurrent writers whole: the last write of each key wins, no value is mixed', async () => {
      const big = (i: number) => ({ i, pad: 'x'.repeat(20_000 + i) });
      await Promise.all(Array.from({ length: 40 }, (_, i) => storage.set(storage.key('wf', `t${i % 4}`), big(i))));
      for (let t = 0; t < 4; t++) {
        const read = (await storage.get(storage.key('wf', `t${t}`))) as { i: number; pad: string };
        expect(read.i % 4).toBe(t);
        expect(read.pad).toHaveLength(20_000 + read.i);
      }
    });

    it('encodes ids injectively: no id yields another id\'s key or another workflow\'s prefix', () => {
      const ids = ['a', 'A', 'a/b', 'a%2Fb', 'a b', '.', '..', '../../etc/passwd', 'a#2', '#run', 'é', 'a\\b', '%', '^', 'x'.repeat(300), 'x'.repeat(301),
        '\uD800', '\uFFFD', '\uDC00', '\uD83D\uDE00', 'a\uD800', 'a\uFFFD'];
      const keys = new Set<string>();
      for (const w of ids) for (const t of ids) keys.add(storage.key(w, t));
      expect(keys.size).toBe(ids.length * ids.length);
      for (const w of ids) {
        for (const other of ids) {
          if (other === w) continue;
          for (const t of ids) expect(storage.key(other, t).startsWith(storage.prefix(w))).toBe(false);
        }
        expect(storage.key(w, 't').startsWith(storage.prefix(w))).toBe(true);
      }
    });

    it('stores and lists keys made from path-like ids', async () => {
      const key = storage.key('../../etc/passwd', '../x');
      await storage.set(key, 'safe');
      expect(await storage.get(key)).toBe('safe');
      expect(await storage.keys(storage.prefix('../../etc/passwd'))).toEqual([key]);
    });

    describe.each(ODD_IDS)('with %s as workflow id and as task id', (_label, id) => {
      it('writes, reads, lists and deletes', async () => {
        const asWorkflow = storage.key(id, 't');
        const asBoth = storage.key(id, id);
        const asTask = storage.key('wf', id);
        const neighbour = storage.key('wf', 'other');
        await storage.set(asWorkflow, 'workflow');
        await storage.set(asBoth, 'both');
        await storage.set(asTask, 'task');
        await storage.set(neighbour, 'neighbour');
        expect([await storage.get(asWorkflow), await storage.get(asBoth), await storage.get(asTask)]).toEqual(['workflow', 'both', 'task']);
        expect((await storage.keys(storage.prefix(id))).sort()).toEqual([asWorkflow, asBoth].sort());
        expect((await storage.keys(storage.prefix('wf'))).sort()).toEqual([asTask, neighbour].sort());
        expect(await storage.delete(asTask)).toBe(true);
        expect(await storage.get(asTask)).toBeUndefined();
        expect(await storage.keys(storage.prefix('wf'))).toEqual([neighbour]);
        expect(await storage.deletePrefix(storage.prefix(id))).toBe(2);
        expect(await storage.keys(storage.prefix(id))).toEqual([]);
        expect(await storage.get(asBoth)).toBeUndefined();
        expect(await storage.get(neighbour)).toBe('neighbour');
      });
    });

    it('keeps long ids that differ only at the end apart', async () => {
      const [a, b] = [`${'x'.repeat(300)}a`, `${'x'.repeat(300)}b`];
      for (const w of [a, b]) for (const t of [a, b]) await storage.set(storage.key(w, t), `${w.slice(-1)}${t.slice(-1)}`);
      for (const w of [a, b]) {
        for (const t of [a, b]) expect(await storage.get(storage.key(w, t))).toBe(`${w.slice(-1)}${t.slice(-1)}`);
        expect((await storage.keys(storage.prefix(w))).sort()).toEqual([storage.key(w, a), storage.key(w, b)].sort());
      }
      expect(await storage.deletePrefix(storage.prefix(a))).toBe(2);
      expect((await storage.keys(storage.prefix(b))).sort()).toEqual([storage.key(b, a), storage.key(b, b)].sort());
    });

    it('refuses empty ids', () => {
      expect(() => storage.key('', 't')).toThrow(/non-empty/);
      expect(() => storage.key('w', '')).toThrow(/non-empty/);
      expect(() => storage.prefix('')).toThrow(/non-empty/);
    });

    describeClaimContract(() => storage, options.deadHolder);
    describeSyncContract(() => storage);
  });
}
