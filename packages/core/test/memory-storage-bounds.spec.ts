import { DotFlow, MemoryStorage, action } from '@dotflow/core';
// not yet exported from @dotflow/core's entry point
import { InvalidStorageOptionsError } from '../src/errors/index';
import { quietConfig } from './helpers';

/** The workflows that have keys in `storage`, in the order given. */
function kept(storage: MemoryStorage, ids: readonly string[]): string[] {
  return ids.filter((id) => storage.keysSync(storage.prefix(id)).length > 0);
}

describe('MemoryStorage keeps at most maxWorkflows workflows', () => {
  it('keeps 1,000 by default: 10,000 workflows with random ids leave the latest 1,000', () => {
    const storage = new MemoryStorage();
    expect(storage.maxWorkflows).toBe(1000);
    const ids = Array.from({ length: 10_000 }, () => crypto.randomUUID());
    for (const id of ids) {
      storage.setSync(storage.key(id, '#run'), { fingerprint: 'f' });
      storage.setSync(storage.key(id, 'load'), { rows: 3 });
    }
    expect(storage.keysSync('')).toHaveLength(2 * 1000);
    expect(kept(storage, ids)).toEqual(ids.slice(-1000));
  });

  it('evicts the least recently written first', async () => {
    const storage = new MemoryStorage({ maxWorkflows: 3 });
    for (const id of ['a', 'b', 'c']) await storage.set(storage.key(id, 't'), id);
    await storage.set(storage.key('a', 'u'), 'a again'); // a: now the most recent
    expect(storage.getSync(storage.key('b', 't'))).toBe('b'); // reading does not count
    await storage.set(storage.key('d', 't'), 'd');
    expect(kept(storage, ['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'd']);
    expect(await storage.keys(storage.prefix('a'))).toEqual([storage.key('a', 't'), storage.key('a', 'u')]);
  });

  it('never evicts a workflow a run has claimed; once released it may go', async () => {
    const storage = new MemoryStorage({ maxWorkflows: 2 });
    const release = await storage.claim('held');
    await storage.set(storage.key('held', 't'), 1);
    for (const id of ['b', 'c', 'd', 'e']) await storage.set(storage.key(id, 't'), id);
    expect(kept(storage, ['held', 'b', 'c', 'd', 'e'])).toEqual(['held', 'e']);
    await release();
    await storage.set(storage.key('f', 't'), 'f');
    expect(kept(storage, ['held', 'e', 'f'])).toEqual(['e', 'f']);
  });

  it('keeps more than maxWorkflows only while more are claimed', async () => {
    const storage = new MemoryStorage({ maxWorkflows: 1 });
    const releases = await Promise.all(['a', 'b', 'c'].map((id) => storage.claim(id)));
    for (const id of ['a', 'b', 'c']) await storage.set(storage.key(id, 't'), id);
    expect(kept(storage, ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    await Promise.all(releases.map((release) => release()));
    await storage.set(storage.key('d', 't'), 'd');
    expect(kept(storage, ['a', 'b', 'c', 'd'])).toEqual(['d']);
  });

  it('keeps every workflow with maxWorkflows: Infinity', () => {
    const storage = new MemoryStorage({ maxWorkflows: Infinity });
    for (let i = 0; i < 2000; i++) storage.setSync(storage.key(`w${i}`, 't'), i);
    expect(storage.keysSync('')).toHaveLength(2000);
  });

  it.each([0, -1, 1.5, NaN, '10', null])('refuses maxWorkflows: %p, saying what it must be', (value) => {
    expect(() => new MemoryStorage({ maxWorkflows: value as number })).toThrow(
      new InvalidStorageOptionsError('MemoryStorage', 'maxWorkflows', value, 'must be an integer ≥ 1, or Infinity for no bound'),
    );
  });

  it('names the option and the value in its message', () => {
    expect(new InvalidStorageOptionsError('MemoryStorage', 'maxWorkflows', 0, 'must be an integer ≥ 1, or Infinity for no bound').message).toBe(
      'new MemoryStorage(): "maxWorkflows" must be an integer ≥ 1, or Infinity for no bound, got 0',
    );
  });

  // Real runs on a shared storage: each run under its own id keeps checkpoints nobody resumes.
  it('bounds a storage shared by runs with random ids', async () => {
    const storage = new MemoryStorage({ maxWorkflows: 5 });
    const config = quietConfig({ storage });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const flow = new DotFlow({ config, workflowId: `run-${i}` });
      flow.task.add({ step: action(function load() { return i; }) });
      await flow.start();
      ids.push(`run-${i}`);
    }
    expect(kept(storage, ids)).toEqual(ids.slice(-5));
  });
});
