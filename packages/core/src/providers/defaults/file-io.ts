import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Sets this module instance's temporary files apart from any other writer's: the pid, plus a random
 * part for an earlier process that had the same pid (a restarted container is often pid 1 again)
 * and for worker threads, which share the pid but not this module's counter.
 */
const TMP_TAG = `${process.pid}.${randomBytes(4).toString('hex')}`;
let tmpCounter = 0;

/** Folders cannot be opened, so not fsynced, on Windows. */
const SYNC_FOLDERS = process.platform !== 'win32';

const CREATE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL;

/**
 * A new temporary name next to `file`: `<file>.<pid>.<8 hex>.<n>.tmp`, at most 36 characters more
 * than `file` (pid and counter of 10 digits).
 */
export function tmpNameOf(file: string): string {
  return `${file}.${TMP_TAG}.${++tmpCounter}.tmp`;
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
    // the error being thrown matters more; a leftover `*.tmp` is ignored and cleared with the workflow
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
