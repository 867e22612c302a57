import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import { WorkflowLockedError } from '../../errors/workflow-locked.error';
import { codeOf, fill, removeQuietly, tmpNameOf, unlinkIfExists, writeTemp } from './file-io';
import { threadShared } from '../../internal/thread-shared';

/** The lock file's name in a workflow's folder. */
const LOCK = '.lock';
/** How many times a claim finds a stale lock, moves it away and tries again before it gives up. */
const TRIES = 5;
/** What a lock holds: `host:pid`, and `/threadId` when a worker thread wrote it. */
const HOLDER = /^(.*):([1-9][0-9]*)(?:\/[0-9]+)?$/s;
/** How `link` says that a file system has no hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Takes the lock of the workflow whose folder is `folder` (which exists): `<folder>/.lock`, holding
 * `host:pid`. The lock appears whole or not at all (written to a temporary file, then linked to
 * its name, which fails if a lock exists). A lock is stale, and taken over, when it is empty or
 * unreadable, names a process of this host that is gone, or names this very thread without being
 * one of the locks it holds (an earlier process that had the same pid, as a restarted container's
 * pid 1). Another host's lock is trusted.
 *
 * @returns the release, which removes the lock if it is still this one (once; later calls do nothing)
 * @throws WorkflowLockedError when a live holder has the lock, or it keeps changing hands.
 */
export function claimLock(folder: string, workflowId: string): () => void {
  const lock = join(folder, LOCK);
  const me = isMainThread ? `${hostname()}:${process.pid}` : `${hostname()}:${process.pid}/${threadId}`;
  const id = join(fs.realpathSync.native(folder), LOCK);
  for (let tries = 0; tries < TRIES; tries++) {
    if (createExclusive(lock, me, folder)) {
      heldLocks().add(id);
      return releaseOnce(lock, me, id);
    }
    const holder = readLock(lock);
    if (holder === undefined) continue; // released meanwhile
    if (holder === me ? heldLocks().has(id) : isAlive(holder)) throw new WorkflowLockedError(workflowId, `process ${holder}`);
    moveAway(lock, holder, workflowId);
  }
  throw new WorkflowLockedError(workflowId, 'another process (the lock keeps changing hands)');
}

/**
 * Moves the lock judged stale (holding `stale`) out of the way. Several processes may take over the
 * same stale lock at once, so the lock is first renamed to a name of this claim's own, which only
 * one of them can do, and then checked: if it is not the stale one but a lock another process has
 * just taken, it is put back (unless yet another lock took its place) and the claim fails.
 */
function moveAway(lock: string, stale: string, workflowId: string): void {
  const moved = tmpNameOf(lock);
  try {
    fs.renameSync(lock, moved);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return; // another claim moved it first
    throw e;
  }
  let found: string | undefined;
  try {
    found = readLock(moved);
    if (found === stale) return;
    if (found !== undefined) linkOrWrite(moved, lock, found);
  } finally {
    removeQuietly(moved);
  }
  throw new WorkflowLockedError(workflowId, found === undefined ? 'another process (the lock keeps changing hands)' : `process ${found}`);
}

/** Creates `file` holding `text`, whole, unless it exists. @returns false when it exists */
function createExclusive(file: string, text: string, folder: string): boolean {
  const tmp = writeTemp(file, text, folder, false);
  try {
    return linkOrWrite(tmp, file, text);
  } finally {
    removeQuietly(tmp);
  }
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

/** The content of a lock; undefined when there is none. */
function readLock(lock: string): string | undefined {
  try {
    return fs.readFileSync(lock, 'utf8');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw e;
  }
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

/**
 * False when `holder` cannot be a live process: empty or unparsable, or a process of this host that
 * is gone. Another host's lock is trusted (its processes cannot be seen from here).
 */
function isAlive(holder: string): boolean {
  const parts = HOLDER.exec(holder.trim());
  if (parts === null) return false;
  if (parts[1] !== hostname()) return true;
  try {
    process.kill(Number(parts[2]), 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM';
  }
}

/** The real paths of the locks this thread holds. */
function heldLocks(): Set<string> {
  return threadShared('@dotflow/core/file-locks-held', () => new Set<string>());
}
