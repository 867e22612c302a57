import { spawnSync } from 'node:child_process';
import fs, { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FileStorage } from '@dotflow/core';
import { fixtureCommand } from './fixture-command';
import { tempDir } from './helpers';
import { startTimeOf } from './storage-processes';

const tmp = (): string => tempDir('dotflow-fs-write-');

/** What file-storage-write.fixture.ts prints. */
interface Outcome { ok?: true; error?: string; files: string[] }

/**
 * Runs the fixture in a child process whose files may not grow past `blocks` × 512 bytes
 * (`ulimit -f`): a real failing `write` (EFBIG, after a short write when some bytes fit), no mock.
 */
function runLimited(blocks: number | 'unlimited', args: string[]): Outcome {
  const fixture = fixtureCommand('file-storage-write.fixture.ts', args);
  const child = spawnSync('sh', ['-c', `ulimit -f ${blocks} && exec "$0" "$@"`, fixture.command, ...fixture.args], {
    env: fixture.env,
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(child.error).toBeUndefined();
  if (child.status !== 0 || child.stderr !== '') throw new Error(`fixture exited ${child.status}: ${child.stdout}${child.stderr}`);
  return JSON.parse(child.stdout.trim()) as Outcome;
}

// POSIX only (`ulimit -f` in a shell), like the rest of this suite's process tests.
describe('FileStorage when a write fails (a real file size limit in a child process)', () => {
  it.each([
    ['removes the temporary file and keeps the previous checkpoint', 0, 100],
    // 512 bytes fit: the first write stores 512 of 10,000, the next one fails
    ['fails on a short write instead of renaming half a checkpoint over the previous one', 1, 10_000],
  ])('%s', (_label, blocks, size) => {
    const path = tmp();
    const storage = new FileStorage({ path });
    storage.setSync(storage.key('wf', 'a'), 1);
    expect(runLimited(blocks, ['set', path, String(size)])).toEqual({ error: 'EFBIG', files: ['a.json'] });
    expect(storage.getSync(storage.key('wf', 'a'))).toBe(1);
  }, 30_000);

  it('leaves no lock when writing the lock fails, so the next claim succeeds', async () => {
    const path = tmp();
    expect(runLimited(0, ['claim', path])).toEqual({ error: 'EFBIG', files: [] });
    const release = await new FileStorage({ path }).claim('wf');
    await release();
    expect(readdirSync(join(path, 'wf'))).toEqual([]);
  }, 30_000);

  it('is not blocked by temporary files an earlier process with the same pid left', () => {
    const path = tmp();
    const outcome = runLimited('unlimited', ['leftover', path]);
    expect(outcome.ok).toBe(true);
    expect(outcome.files.filter((f) => !f.endsWith('.tmp'))).toEqual(['a.json']);
    expect(new FileStorage({ path }).getSync('wf/a')).toBe(1);
  }, 30_000);
});

describe('FileStorage temporary files', () => {
  afterEach(() => jest.restoreAllMocks());

  it('are named <file>.<pid>-<start time>.<8 hex>.<n>.tmp, under 255 bytes for the longest file name', () => {
    const storage = new FileStorage({ path: tmp() });
    // observed, not changed: the rename runs as usual
    const rename = jest.spyOn(fs, 'renameSync');
    const key = storage.key('wf', 'n'.repeat(300));
    storage.setSync(key, 1);
    const [from, to] = rename.mock.calls[0] as [string, string];
    expect(to).toBe(storage.fileOf(key));
    const name = basename(to);
    expect(name).toHaveLength(205);
    const start = BigInt(startTimeOf(process.pid)).toString(36);
    expect(basename(from)).toMatch(new RegExp(`^${name.replace('.', '\\.')}\\.${process.pid}-${start}\\.[0-9a-f]{8}\\.[0-9]+\\.tmp$`));
    // the longest: pid and counter of 10 digits, a start time of 13 (2^64 in base 36)
    expect((2n ** 64n).toString(36)).toHaveLength(13);
    expect(Buffer.byteLength(`${name}.4294967295-${'z'.repeat(13)}.ffffffff.9999999999.tmp`)).toBeLessThan(255);
    expect(readdirSync(join(storage.path, 'wf'))).toEqual([name]);
  });
});

describe('FileStorage with durable: true', () => {
  afterEach(() => jest.restoreAllMocks());

  /** The folders fsynced while `work` runs (the calls are observed and go through unchanged). */
  function foldersSynced(work: () => unknown): Promise<string[]> {
    const paths = new Map<number, string>();
    const open = fs.openSync;
    jest.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      const fd = open(file, ...rest);
      paths.set(fd, String(file));
      return fd;
    });
    const fsync = fs.fsyncSync;
    const synced: string[] = [];
    jest.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      synced.push(paths.get(fd) ?? `fd ${fd}`);
      fsync(fd);
    });
    return Promise.resolve(work()).then(() => {
      jest.restoreAllMocks();
      return synced.filter((file) => !file.endsWith('.tmp'));
    });
  }

  // folders cannot be fsynced on Windows
  it('fsyncs the parent of each folder it creates, once', async () => {
    const root = tmp();
    const path = join(root, 'out');
    const storage = new FileStorage({ path, durable: true });
    const wf = join(path, 'wf');
    expect(await foldersSynced(() => storage.setSync(storage.key('wf', 'a'), 1))).toEqual([path, root, wf]);
    expect(await foldersSynced(() => storage.setSync(storage.key('wf', 'b'), 1))).toEqual([wf]);
    // a folder the claim creates
    expect(await foldersSynced(() => storage.claim('other').then((release) => release()))).toEqual([path]);
    expect(existsSync(join(path, 'other'))).toBe(true);
    // an existing root, an existing workflow folder (made by another storage)
    const again = new FileStorage({ path, durable: true });
    expect(await foldersSynced(() => again.setSync(again.key('wf', 'c'), 1))).toEqual([wf]);
  });

  it('fsyncs nothing without durable', async () => {
    const storage = new FileStorage({ path: join(tmp(), 'out') });
    expect(await foldersSynced(() => storage.setSync(storage.key('wf', 'a'), 1))).toEqual([]);
  });
});
