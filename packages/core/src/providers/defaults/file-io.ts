import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isProcessAlive, ownStartTime } from './process-liveness';

/**
 * `ownTag()` sets this module instance's temporary files apart from any other writer's, and says who wrote
 * them: the pid and, where `/proc` gives it, the process's start time in base 36 (so a later
 * process with the same pid is told apart), plus a random part for worker threads, which share
 * the pid but not this module's counter (and for an earlier process with the same pid where there
 * is no `/proc`).
 */
let tmpTag: string | undefined;
let tmpCounter = 0;

/**
 * A temporary name as {@link tmpNameOf} makes them, and as earlier versions did (no start time,
 * no random part): the file it is for (`<encoded name>.json`, encoded names have no `.`, or
 * `.lock`), then `.<tag>.<n>.tmp`, the tag being `<pid>[-<start time>][.<8 hex>]`.
 */
const TMP_NAME = /^(?:[^.]+\.json|\.lock)\.(([1-9][0-9]{0,9})(?:-([0-9a-z]{1,13}))?(?:\.[0-9a-f]{8})?)\.[1-9][0-9]*\.tmp$/;

/** This module instance's tag (made on first use: it reads `/proc`). */
function ownTag(): string {
  if (tmpTag === undefined) {
    const start = ownStartTime();
    tmpTag = `${process.pid}${start === undefined ? '' : `-${BigInt(start).toString(36)}`}.${randomBytes(4).toString('hex')}`;
  }
  return tmpTag;
}

/** Folders cannot be opened, so not fsynced, on Windows. */
const SYNC_FOLDERS = process.platform !== 'win32';

const CREATE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL;

/**
 * A new temporary name next to `file`: `<file>.<pid>-<start time>.<8 hex>.<n>.tmp` (without
 * `-<start time>` where there is no `/proc`), at most 49 characters more than `file` (pid and
 * counter of 10 digits, a start time of 13).
 */
export function tmpNameOf(file: string): string {
  return `${file}.${ownTag()}.${++tmpCounter}.tmp`;
}

/**
 * True for a temporary file (a name in a workflow's folder) that no writer will rename or remove:
 * named as {@link tmpNameOf} names them, by this module instance (its writes are synchronous, so
 * none is under way while this runs) or by a process of this host that is gone. Another live
 * writer's temporary files, and any other name, are not abandoned.
 */
export function isAbandonedTemp(name: string): boolean {
  const parts = TMP_NAME.exec(name);
  if (parts === null) return false;
  const [, tag, pid, start] = parts as unknown as [string, string, string, string | undefined];
  return tag === ownTag() || !isProcessAlive(Number(pid), start === undefined ? undefined : fromBase36(start));
}

/** The decimal form of a base-36 number. */
function fromBase36(digits: string): string {
  let value = 0n;
  for (const digit of digits) value = value * 36n + BigInt(parseInt(digit, 36));
  return value.toString();
}

/**
 * Writes `text` to `file` through a temporary file renamed over it, so the file is always whole.
 * With `durable`, fsyncs the temporary file before the rename and the folder after it. On failure
 * the temporary file is removed and `file` keeps its previous content.
 */
export function replaceFile(file: string, text: string, folder: string, durable: boolean): void {
  const tmp = writeTemp(file, text, folder, durable);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  if (durable) fsyncFolder(folder);
}

/** Writes `text` to a new temporary file next to `file` and returns its name (removed on failure). */
export function writeTemp(file: string, text: string, folder: string, durable: boolean): string {
  const tmp = tmpNameOf(file);
  fill(openNew(tmp, folder, durable), tmp, text, durable);
  return tmp;
}

/**
 * Writes `text` into the new, empty `file` open as `fd` (fsynced with `durable`) and closes it.
 * On failure the file is removed.
 */
export function fill(fd: number, file: string, text: string, durable: boolean): void {
  try {
    try {
      writeText(fd, text);
      if (durable) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    removeQuietly(file);
    throw e;
  }
}

/** Creates a file; re-creates its folder once if it was removed meanwhile. */
function openNew(file: string, folder: string, durable: boolean): number {
  try {
    return fs.openSync(file, CREATE, 0o644);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw e;
    makeFolder(folder, durable);
    return fs.openSync(file, CREATE, 0o644);
  }
}

/**
 * Writes all of `text`. One `write` nearly always takes it all; a short one (a full disk, a file
 * size limit) is followed by more, until the rest is written or the error comes.
 */
function writeText(fd: number, text: string): void {
  const written = fs.writeSync(fd, text);
  if (written === Buffer.byteLength(text)) return;
  const bytes = Buffer.from(text);
  for (let at = written; at < bytes.length; ) {
    const n = fs.writeSync(fd, bytes, at);
    if (n <= 0) throw Object.assign(new Error(`EIO: a write stopped after ${at} of ${bytes.length} bytes`), { code: 'EIO' });
    at += n;
  }
}

/**
 * Creates `folder` and any missing parent. With `durable`, fsyncs the parent of each folder it
 * created, so the new entries survive a power loss (nothing when the folder existed).
 */
export function makeFolder(folder: string, durable: boolean): void {
  const first = fs.mkdirSync(folder, { recursive: true });
  if (!durable || first === undefined || !SYNC_FOLDERS) return;
  const top = resolve(first);
  for (let created = resolve(folder); ; created = dirname(created)) {
    const parent = dirname(created);
    fsyncFolder(parent);
    if (created === top || parent === created) return;
  }
}

/** Flushes a folder's entries to the disk (nothing on Windows). */
export function fsyncFolder(folder: string): void {
  if (!SYNC_FOLDERS) return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes a file; false when it was not there. */
export function unlinkIfExists(file: string): boolean {
  try {
    fs.unlinkSync(file);
    return true;
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return false;
    throw e;
  }
}

/** Removes a file while another error is on its way: a failure to remove it is not reported. */
export function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // the error being thrown matters more; a leftover `*.tmp` is ignored, and removed by the next claim
  }
}

/** The names in a folder; none when it is missing. */
export function listDir(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw e;
  }
}

/** The `code` of a Node.js system error. */
export function codeOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}
