import { spawnSync } from 'node:child_process';
import fs, { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { FileStorage, WorkflowLockedError } from '@dotflow/core';
import { fixtureCommand } from './fixture-command';
import { tempDir } from './helpers';
import { deadPid, holderText, startTimeOf } from './storage-processes';

const tmp = (): string => tempDir('dotflow-fs-lock-');
const me = holderText(process.pid);

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
    for (const holder of [me, `${hostname()}:${process.pid}`, `${hostname()}:${process.pid}:1`]) {
      const { storage, lock } = lockIn(holder);
      await claimAndRelease(storage, lock);
    }
  });

  // The start time tells a reused pid: the process that wrote the lock is gone, another has its pid.
  it('naming a live pid of this host whose process started at another time', async () => {
    const { storage, lock } = lockIn(`${hostname()}:${process.ppid}:${BigInt(startTimeOf(process.ppid)) + 1n}`);
    await claimAndRelease(storage, lock);
  });
});

describe('FileStorage.claim refuses a live lock', () => {
  it("another host's lock, and a live process of this host (with its start time, or without: an earlier version's)", async () => {
    for (const holder of ['elsewhere.example:1', 'elsewhere.example:1:5', holderText(process.ppid), `${hostname()}:${process.ppid}`]) {
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
    expect(report.lock).toMatch(new RegExp(`^${hostname()}:${child.pid}:[0-9]+/[0-9]+$`)); // host:pid:starttime/threadId
    expect(report.afterwards).toBe('claimed');
    expect(readdirSync(join(path, 'wf'))).toEqual([]);
  }, 30_000);
});

describe('FileStorage.claim when several claims take over one stale lock', () => {
  afterEach(() => jest.restoreAllMocks());

  // Injected, as no real way gives this interleaving on demand: claim B does a whole takeover (its
  // lock renamed over the stale one) right after this claim (A) has read the stale lock and as it
  // creates its successor. A must see that .lock is no longer the file it read, and leave it be.
  it("never moves B's fresh lock: A sees .lock is another file than the stale one it read, and refuses", async () => {
    const { storage, lock } = lockIn(`${hostname()}:${deadPid()}`);
    const b = holderText(process.ppid); // a live process
    const link = fs.linkSync;
    let bLock: number | undefined;
    jest.spyOn(fs, 'linkSync').mockImplementation((from, to) => {
      if (bLock === undefined && String(to).endsWith('.next')) {
        writeFileSync(`${lock}.b`, b);
        renameSync(`${lock}.b`, lock); // B: took the stale lock over
        bLock = statSync(lock).ino;
      }
      link(from, to);
    });
    await expect(storage.claim('wf')).rejects.toThrow(new WorkflowLockedError('wf', `process ${b}`));
    expect(bLock).toBeDefined();
    expect(statSync(lock).ino).toBe(bLock); // the very file B made, never moved
    expect(readFileSync(lock, 'utf8')).toBe(b);
    expect(readdirSync(join(storage.path, 'wf'))).toEqual(['.lock']);
  });

  it('takes over a takeover that died midway (its successor names a dead process)', async () => {
    const { storage, lock } = lockIn(`${hostname()}:${deadPid()}`);
    writeFileSync(join(storage.path, 'wf', `.lock.${statSync(lock).ino}.next`), `${hostname()}:${deadPid()}`);
    await claimAndRelease(storage, lock);
  });

  it("refuses while a live claim is taking the stale lock over (its successor names a live process)", async () => {
    const { storage, lock } = lockIn(`${hostname()}:${deadPid()}`);
    const successor = join(storage.path, 'wf', `.lock.${statSync(lock).ino}.next`);
    writeFileSync(successor, holderText(process.ppid));
    await expect(storage.claim('wf')).rejects.toThrow(new WorkflowLockedError('wf', `process ${holderText(process.ppid)}`));
    expect(readdirSync(join(storage.path, 'wf')).sort()).toEqual(['.lock', basename(successor)]);
  });

  // Real threads, real files: 16 worker threads claim one stale lock at once, 600 times, while
  // busy threads make them get preempted mid-claim; whoever gets it holds it until all have tried.
  // Taking over by moving the lock aside and putting it back gave two holders in 1 to 8 trials of
  // 1,000 this way (a third claim took the lock while it was aside), more on a loaded machine.
  // At the lowest priority (nice 19), so that its busy threads do not slow the other tests down.
  it('16 threads racing for one stale lock, 600 times: exactly one holder each time', () => {
    const path = tmp();
    const fixture = fixtureCommand('file-storage-thread.fixture.ts', ['race', path, '16', '600', `${hostname()}:${deadPid()}`]);
    const child = spawnSync('nice', ['-n', '19', fixture.command, ...fixture.args], { env: fixture.env, encoding: 'utf8', timeout: 60_000 });
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    const report = JSON.parse(child.stdout.trim()) as { winners: number[]; refusals: { locked: number; changingHands: number }; left: string[] };
    expect(report.winners).toHaveLength(600);
    expect(report.winners.filter((n) => n !== 1)).toEqual([]);
    expect(report.refusals).toEqual({ locked: 600 * 15, changingHands: 0 });
    expect(report.left).toEqual([]);
  }, 90_000);

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
