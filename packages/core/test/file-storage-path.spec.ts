import fs, { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DotflowError, FileStorage } from '@dotflow/core';
// not yet exported from @dotflow/core's entry point
import { StoragePathError } from '../src/errors/index';
import { tempDir } from './helpers';

const tmp = (): string => tempDir('dotflow-fs-path-');

describe('FileStorage on a path that is a file', () => {
  it.each([
    ['the path is a file', (root: string) => { writeFileSync(join(root, 'out'), 'x'); return join(root, 'out'); }],
    ['the path lies under a file', (root: string) => { writeFileSync(join(root, 'out'), 'x'); return join(root, 'out', 'checkpoints'); }],
  ])('%s: set, setSync, get, delete and claim throw StoragePathError naming the path', async (_label, make) => {
    const path = make(tmp());
    const storage = new FileStorage({ path });
    const key = storage.key('wf', 'a');
    const error = new StoragePathError(path, storage.fileOf(key));
    expect(error.message).toBe(
      `FileStorage path '${path}' cannot hold checkpoints: a file stands where a folder is needed on the way to '${storage.fileOf(key)}'. ` +
        `Pass a path that is a folder or does not exist yet (new FileStorage({ path: '.output' })), or move that file away.`,
    );
    expect(DotflowError.is(error)).toBe(true);
    const pathError = { name: 'StoragePathError', message: error.message, path, cause: expect.objectContaining({ code: 'ENOTDIR' }) as unknown };
    await expect(storage.set(key, 1)).rejects.toMatchObject(pathError);
    expect(() => storage.setSync(key, 1)).toThrow(error.message);
    await expect(storage.get(key)).rejects.toMatchObject(pathError);
    await expect(storage.delete(key)).rejects.toMatchObject(pathError);
    await expect(storage.claim('wf')).rejects.toMatchObject({ ...pathError, message: new StoragePathError(path, join(path, 'wf')).message });
    // nothing is stored there, so nothing is listed
    expect(await storage.keys(storage.prefix('wf'))).toEqual([]);
    expect(await storage.deletePrefix(storage.prefix('wf'))).toBe(0);
  });

  it("a file where a workflow's folder should be", async () => {
    const path = tmp();
    writeFileSync(join(path, 'wf'), 'x');
    const storage = new FileStorage({ path });
    const key = storage.key('wf', 'a');
    await expect(storage.set(key, 1)).rejects.toThrow(new StoragePathError(path, storage.fileOf(key)).message);
    await expect(storage.claim('wf')).rejects.toThrow(new StoragePathError(path, join(path, 'wf')).message);
  });
});

describe('FileStorage remembers a bounded number of folders', () => {
  afterEach(() => jest.restoreAllMocks());

  // Observed, not changed: each folder FileStorage makes is a mkdirSync call. It makes a folder
  // once and remembers it; 10,000 workflows used to keep 10,000 paths (13 MB) for good.
  it('makes a folder once, and again after 256 others were used since', () => {
    const storage = new FileStorage({ path: tmp() });
    const mkdir = jest.spyOn(fs, 'mkdirSync');
    const made = (): string[] => mkdir.mock.calls.map(([folder]) => String(folder));
    storage.setSync(storage.key('wf0', 'a'), 1);
    storage.setSync(storage.key('wf0', 'b'), 1);
    expect(made()).toEqual([join(storage.path, 'wf0')]);
    for (let i = 1; i <= 300; i++) storage.setSync(storage.key(`wf${i}`, 'a'), 1);
    expect(mkdir).toHaveBeenCalledTimes(301);
    storage.setSync(storage.key('wf300', 'b'), 1); // a recent one: remembered
    expect(mkdir).toHaveBeenCalledTimes(301);
    storage.setSync(storage.key('wf0', 'c'), 1); // forgotten: made again (it exists, nothing changes)
    expect(made().at(-1)).toBe(join(storage.path, 'wf0'));
    expect(storage.getSync(storage.key('wf0', 'a'))).toBe(1);
  });
});
