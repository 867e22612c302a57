import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import { WorkflowLockedError } from '../../errors/workflow-locked.error';
import { codeOf, fill, removeQuietly, unlinkIfExists, writeTemp } from './file-io';
import { isProcessAlive, ownStartTime } from './process-liveness';
import { threadShared } from '../../internal/thread-shared';

/** The lock file's name in a workflow's folder. */
const LOCK = '.lock';
/** How many times a claim looks at the lock again (it was released, or taken over meanwhile) before it gives up. */
const TRIES = 5;
/** How many takeovers that died midway, one after the other, a takeover takes over in turn. */
const DEPTH = 3;
/**
 * What a lock holds: `host:pid`, then `:starttime` where `/proc` gives it, then `/threadId` when a
 * worker thread wrote it. Earlier versions wrote `host:pid[/threadId]`, read the same way.
 */
const HOLDER = /^(.*?):([1-9][0-9]*)(?::([0-9]+))?(?:\/([0-9]+))?$/s;
/** The successor of a stale lock (or of a stale successor): `.lock.<inode of the stale file>.next`. */
const SUCCESSOR = /^\.lock\.[0-9]+\.next$/;
/** How `link` says that a file system has no hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
const CHANGING_HANDS = 'another process (the lock keeps changing hands)';

/** A lock file open for reading: the open descriptor keeps its inode, so its number, from being reused. */
interface OpenLock {
  readonly fd: number;
  readonly holder: string;
  readonly ino: bigint;
  readonly dev: bigint;
}

/**
 * Takes the lock of the workflow whose folder is `folder` (which exists): `<folder>/.lock`, holding
 * `host:pid:starttime` (see {@link HOLDER}). The lock appears whole or not at all (written to a
 * temporary file, then linked to its name, which fails if a lock exists). A lock is stale, and
 * taken over, when it is empty or unreadable, names a process of this host that is gone, a zombie,
 * or another process than the one that had that pid then (another start time), or names this very
 * thread without being one of the locks it holds. Another host's lock is trusted.
 *
 * A takeover never removes the lock, and never touches a live one. The stale lock is kept open
 * while it is replaced; the claim creates its *successor*, `.lock.<inode>.next`, exclusively (so
 * of several claims taking over one stale lock, one goes on), checks that `.lock` still is that
 * very file (same device and inode), and renames the successor over it. A successor left by a
 * takeover that died midway is stale in turn, and taken over the same way.
 *
 * @returns the release, which removes the lock if it is still this one (once; later calls do nothing)
 * @throws WorkflowLockedError when a live holder has the lock, or it keeps changing hands.
 */
export function claimLock(folder: string, workflowId: string): () => void {
  const lock = join(folder, LOCK);
  const me = ownHolder();
  const id = join(fs.realpathSync.native(folder), LOCK);
  const tmp = writeTemp(lock, me, folder, false);
  try {
    for (let tries = 0; tries < TRIES; tries++) {
      if (take({ lock, me, id, tmp, workflowId })) {
        heldLocks().add(id);
        return releaseOnce(lock, me, id);
      }
    }
  } finally {
    removeQuietly(tmp);
  }
  throw new WorkflowLockedError(workflowId, CHANGING_HANDS);
}

/** True for what a claim may leave in a workflow's folder when it dies midway: a successor. */
export function isLockLeftover(name: string): boolean {
  return SUCCESSOR.test(name);
}

/** One claim: the lock, this thread's holder text, the lock's real path and the temporary file holding `me`. */
interface Claim {
  readonly lock: string;
  readonly me: string;
  readonly id: string;
  readonly tmp: string;
  readonly workflowId: string;
}

/** One attempt at the lock. @returns false when it changed meanwhile (look again) */
function take(claim: Claim): boolean {
  if (linkOrWrite(claim.tmp, claim.lock, claim.me)) return true;
  const current = openLock(claim.lock);
  if (current === undefined) return false; // released meanwhile
  try {
    if (!isStale(current.holder, claim.id)) throw new WorkflowLockedError(claim.workflowId, `process ${current.holder}`);
    return supplant(claim, claim.lock, current, 0);
  } finally {
    fs.closeSync(current.fd);
  }
}

/**
 * Replaces the stale file `target` (open as `stale`) by this claim's lock, through its successor.
 * @returns false when `target` is no longer that file (another claim replaced it)
 */
function supplant(claim: Claim, target: string, stale: OpenLock, depth: number): boolean {
  const next = join(dirname(target), `${LOCK}.${stale.ino}.next`);
  if (!linkOrWrite(claim.tmp, next, claim.me)) {
    const rival = openLock(next);
    if (rival === undefined) return false; // that takeover ended meanwhile
    try {
      if (!isSameFile(target, stale)) return false;
      // another claim is taking this stale file over, and will hold the lock
      if (!isStale(rival.holder, claim.id)) throw new WorkflowLockedError(claim.workflowId, `process ${rival.holder}`);
      if (depth >= DEPTH || !supplant(claim, next, rival, depth + 1)) return false;
    } finally {
      fs.closeSync(rival.fd);
    }
  }
  // `next` is this claim's: only its holder replaces `target` while `target` is the stale file
  if (!isSameFile(target, stale)) {
    unlinkIfExists(next);
    return false;
  }
  fs.renameSync(next, target);
  return true;
}

/** Opens a lock (or successor) and reads it; undefined when there is none. */
function openLock(file: string): OpenLock | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const { ino, dev } = fs.fstatSync(fd, { bigint: true });
    return { fd, ino, dev, holder: fs.readFileSync(fd, 'utf8') };
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}

/** True when `file` is the very file `open` is (not one created since under that name). */
function isSameFile(file: string, open: OpenLock): boolean {
  const now = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  return now !== undefined && now.ino === open.ino && now.dev === open.dev;
}

/**
 * Links `from` (which holds `text`) to the new name `to`. Where the file system has no hard links,
 * creates `to` exclusively and writes `text` into it (removing it if the write fails).
 *
 * @returns false when `to` exists
 */
function linkOrWrite(from: string, to: string, text: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (e) {
    const code = codeOf(e);
    if (code === 'EEXIST') return false;
    if (code === undefined || !NO_HARD_LINKS.has(code)) throw e;
  }
  let fd: number;
  try {
    fd = fs.openSync(to, 'wx');
  } catch (e) {
    if (codeOf(e) === 'EEXIST') return false;
    throw e;
  }
  fill(fd, to, text, false);
  return true;
}

/** Removes the lock if it is still this claim's; only the first call does anything. */
function releaseOnce(lock: string, me: string, id: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (readLock(lock) === me) unlinkIfExists(lock);
    } finally {
      heldLocks().delete(id);
    }
  };
}

/** The content of a lock; undefined when there is none. */
function readLock(lock: string): string | undefined {
  try {
    return fs.readFileSync(lock, 'utf8');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** What this thread writes in a lock. */
function ownHolder(): string {
  const start = ownStartTime();
  return `${hostname()}:${process.pid}${start === undefined ? '' : `:${start}`}${isMainThread ? '' : `/${threadId}`}`;
}

/**
 * True when the lock (whose real path is `id`) holding `holder` has no live holder: unparsable (an
 * empty lock), or of this host and naming a process that is gone (see `isProcessAlive`), an earlier
 * process with this pid (another start time), or this very thread, which does not hold it. Another
 * host's lock, and another thread's of this process, are live.
 */
function isStale(holder: string, id: string): boolean {
  const parts = HOLDER.exec(holder.trim());
  if (parts === null) return true;
  const [, host, pid, start, thread] = parts as unknown as [string, string, string, string | undefined, string | undefined];
  if (host !== hostname()) return false;
  if (Number(pid) !== process.pid) return !isProcessAlive(Number(pid), start);
  const mine = ownStartTime();
  if (start !== undefined && mine !== undefined && start !== mine) return true;
  if (Number(thread ?? 0) !== threadId) return false;
  return !heldLocks().has(id);
}

/** The real paths of the locks this thread holds. */
function heldLocks(): Set<string> {
  return threadShared('@dotflow/core/file-locks-held', () => new Set<string>());
}
