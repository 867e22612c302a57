import { spawnSync } from 'node:child_process';
import fs, { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FileStorage, WorkflowLockedError } from '@dotflow/core';
import { fixtureCommand } from './fixture-command';
import { tempDir } from './helpers';

const tmp = (): string => tempDir('dotflow-fs-lock-');
const me = `${hostname()}:${process.pid}`;

/** A storage in a new folder, and the lock file of its workflow 'wf' (with `content` when given). */
function lockIn(content?: string): { storage: FileStorage; lock: string } {
  const storage = new FileStorage({ path: tmp() });
  const lock = join(storage.path, 'wf', '.lock');
  if (content !== undefined) {
    mkdirSync(join(storage.path, 'wf'));
    writeFileSync(lock, content);
  }
  return { storage, lock };
}

/** Claims 'wf', checks that the lock names this process and that only the lock is in the folder, releases. */
async function claimAndRelease(storage: FileStorage, lock: string): Promise<void> {
  const release = await storage.claim('wf');
  expect(readFileSync(lock, 'utf8')).toBe(me);
  expect(readdirSync(join(storage.path, 'wf'))).toEqual(['.lock']);
  await release();
  expect(existsSync(lock)).toBe(false);
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { timeout: 20_000 });
  if (child.error !== undefined) throw child.error;
  return child.pid;
}

describe('FileStorage.claim takes over a stale lock', () => {
  it.each([
    ['empty (its claimer died between creating and writing it)', ''],
    ['without host:pid', 'not a lock'],
    ['naming pid 0', `${hostname()}:0`],
  ])('%s', async (_label, content) => {
    const { storage, lock } = lockIn(content);
    await claimAndRelease(storage, lock);
  });

  it('left by a process of this host that is gone (main or worker thread)', async () => {
    const dead = deadPid();
    for (const holder of [`${hostname()}:${dead}`, `${hostname()}:${dead}/2`]) {
      const { storage, lock } = lockIn(holder);
      await claimAndRelease(storage, lock);
    }
  });

  it('naming this host and pid, that this process does not hold (a restarted container is pid 1 again)', async () => {
    const { storage, lock } = lockIn(me);
    await claimAndRelease(storage, lock);
  });
});

describe('FileStorage.claim refuses a live lock', () => {
  it("another host's lock, and a live process of this host", async () => {
    for (const holder of ['elsewhere.example:1', `${hostname()}:${process.ppid}`]) {
      const { storage, lock } = lockIn(holder);
      await expect(storage.claim('wf')).rejects.toThrow(new WorkflowLockedError('wf', `process ${holder}`));
      expect(readFileSync(lock, 'utf8')).toBe(holder);
    }
  });

  it('a claim this process holds, also through another path to the same folder', async () => {
    const { storage, lock } = lockIn();
    const release = await storage.claim('wf');
    const link = join(tmp(), 'link');
    symlinkSync(storage.path, link, 'junction');
    for (const other of [storage, new FileStorage({ path: link })]) {
      await expect(other.claim('wf')).rejects.toThrow(new WorkflowLockedError('wf', `process ${me}`));
    }
    await release();
    await release(); // a second release does nothing
    expect(existsSync(lock)).toBe(false);
    await claimAndRelease(new FileStorage({ path: link }), lock);
  });

  // Guards the same-pid rule above: a worker thread shares the pid, not the set of held claims.
  it('a claim a worker thread of this process holds', () => {
    const path = tmp();
    const fixture = fixtureCommand('file-storage-thread.fixture.ts', [path]);
    const child = spawnSync(fixture.command, fixture.args, { env: fixture.env, encoding: 'utf8', timeout: 20_000 });
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    const report = JSON.parse(child.stdout.trim()) as { held: string; lock: string; whileHeld: string; afterwards: string };
    expect(report.whileHeld).toBe(`WorkflowLockedError: ${new WorkflowLockedError('wf', `process ${report.lock}`).message}`);
    expect(report.lock).toMatch(new RegExp(`^${hostname()}:${child.pid}/[0-9]+$`)); // host:pid/threadId
    expect(report.afterwards).toBe('claimed');
    expect(readdirSync(join(path, 'wf'))).toEqual([]);
  }, 30_000);
});

describe('FileStorage.claim when two processes take over one stale lock', () => {
  afterEach(() => jest.restoreAllMocks());

  // Injected, as no real way gives this interleaving on demand: process B's steps run (here) right
  // after this claim (A) has read the dead holder's lock and judged it stale.
  it("moves B's fresh lock aside, sees it is not the stale one, puts it back and refuses", async () => {
    const { storage, lock } = lockIn(`${hostname()}:${deadPid()}`);
    const b = `${hostname()}:${process.ppid}`; // a live process
    const read = fs.readFileSync;
    let injected = false;
    jest.spyOn(fs, 'readFileSync').mockImplementation((file: fs.PathOrFileDescriptor, options?: unknown) => {
      const out = read(file, options as BufferEncoding);
      if (file === lock && !injected) {
        injected = true;
        unlinkSync(lock); // B: also judged the lock stale, removed it, took its own
        writeFileSync(lock, b, { flag: 'wx' });
      }
      return out;
    });
    await expect(storage.claim('wf')).rejects.toThrow(new WorkflowLockedError('wf', `process ${b}`));
    expect(injected).toBe(true);
    expect(readFileSync(lock, 'utf8')).toBe(b);
    expect(readdirSync(join(storage.path, 'wf'))).toEqual(['.lock']);
  });

  // Injected: a file system without hard links (FAT, some network shares) fails link with EPERM.
  it('creates the lock without a hard link where the file system has none', async () => {
    jest.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    });
    const { storage, lock } = lockIn(`${hostname()}:${deadPid()}`);
    const release = await storage.claim('wf');
    expect(readFileSync(lock, 'utf8')).toBe(me);
    expect(readdirSync(join(storage.path, 'wf'))).toEqual(['.lock']);
    await expect(storage.claim('wf')).rejects.toThrow(WorkflowLockedError);
    await release();
    expect(existsSync(lock)).toBe(false);
  });
});
