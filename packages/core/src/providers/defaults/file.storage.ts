import * as fs from 'node:fs';
import { join } from 'node:path';
import { CorruptCheckpointError } from '../../errors/corrupt-checkpoint.error';
import { StorageKeyError } from '../../errors/storage-key.error';
import { StoragePathError } from '../../errors/storage-path.error';
import type { Storage } from '../storage';
import { codeOf, isAbandonedTemp, listDir, makeFolder, replaceFile, unlinkIfExists } from './file-io';
import { claimLock, isLockLeftover } from './file-lock';
import { FILE_KEY, encodeFileName, isEncodedFileName } from './file-names';
import { settle } from '../../internal/settle';

/** Options of {@link FileStorage}. */
export interface FileStorageOptions {
  /** The folder that holds every checkpoint (created when missing). @defaultValue '.output' */
  readonly path?: string;
  /**
   * Also survive a power loss: fsync each file before its rename and the folder after it, and the
   * parent of each folder this storage creates (not on Windows, where folders cannot be fsynced).
   * Costs about a millisecond per checkpoint on a typical disk. @defaultValue false
   */
  readonly durable?: boolean;
}

const EXT = '.json';
/** How many workflow folders a storage remembers having made (each one more costs a `mkdir` call). */
const FOLDERS_KEPT = 256;
/** The errors that say a file stands where a folder is needed. */
const NOT_A_FOLDER = new Set(['ENOTDIR', 'EEXIST']);

/**
 * Checkpoints as files: one JSON file per key, `<path>/<workflow>/<task>.json`, both names
 * encoded so any id stays inside the folder. Each write goes to a temporary file that is then
 * renamed over the old one, so a file is always whole: a crash (even SIGKILL) or a failed write
 * (a full disk) leaves the previous checkpoint or none, never half of one. With `durable: true`
 * checkpoints also survive a power loss. I/O is synchronous (a small file costs ~40 µs this way,
 * against ~280 µs with `fs/promises`), which blocks the event loop for that long per checkpoint.
 *
 * `claim` takes the workflow's lock file (see {@link FileStorage.claim}), and removes the temporary
 * files that writers which died mid-write left there. `deletePrefix` and `keys` see only files
 * this storage names: `<encoded id>.json`, never another file a person or program put there.
 *
 * @example
 * ```ts
 * const config = new Config({ storage: new FileStorage({ path: '.output' }) });
 * ```
 */
export class FileStorage implements Storage {
  /** The folder that holds the checkpoints (`options.path`, or `'.output'`). */
  public readonly path: string;
  private readonly durable: boolean;
  /** Workflow folders this storage made or found (oldest first, at most {@link FOLDERS_KEPT}). */
  private readonly folders = new Set<string>();
  private readBuffer = Buffer.allocUnsafe(64 * 1024);

  public constructor(options: FileStorageOptions = {}) {
    this.path = options.path ?? '.output';
    this.durable = options.durable ?? false;
  }

  public key(workflowId: string, taskId: string): string {
    return `${encodeFileName('workflowId', workflowId)}/${encodeFileName('taskId', taskId)}`;
  }

  public prefix(workflowId: string): string {
    return `${encodeFileName('workflowId', workflowId)}/`;
  }

  /** The file that holds a key. */
  public locate(key: string): string {
    return this.fileOf(key);
  }

  /** The file that holds a key. @throws StorageKeyError for a key this storage did not make */
  public fileOf(key: string): string {
    if (typeof key !== 'string' || !FILE_KEY.test(key)) throw new StorageKeyError('key', key, 'must come from FileStorage.key() or .prefix()');
    return join(this.path, key + EXT);
  }

  public get(key: string): Promise<unknown> {
    return settle(() => this.getSync(key));
  }

  public set(key: string, value: unknown): Promise<void> {
    return settle(() => this.setSync(key, value));
  }

  public delete(key: string): Promise<boolean> {
    return settle(() => {
      const file = this.fileOf(key);
      try {
        return unlinkIfExists(file);
      } catch (e) {
        throw this.pathError(e, file);
      }
    });
  }

  /**
   * Deletes the checkpoints under `prefix`, and the temporary files there that no live writer will
   * rename (see `isAbandonedTemp`); nothing else: not a file this storage would not name so.
   */
  public deletePrefix(prefix: string): Promise<number> {
    return settle(() => {
      let n = 0;
      for (const key of this.keysSync(prefix)) if (unlinkIfExists(this.fileOf(key))) n++;
      for (const folder of this.foldersOf(prefix)) {
        this.removeAbandoned(folder, (name) => isAbandonedTemp(name) && `${folder}/${name}`.startsWith(prefix));
      }
      return n;
    });
  }

  /** Removes the files of the workflow folder `folder` (a name under `path`) that `abandoned` picks. */
  private removeAbandoned(folder: string, abandoned: (name: string) => boolean): void {
    for (const name of listDir(join(this.path, folder))) if (abandoned(name)) unlinkIfExists(join(this.path, folder, name));
  }

  /** The workflow folders (names under `path`) that may hold keys starting with `prefix`. */
  private foldersOf(prefix: string): string[] {
    const slash = prefix.indexOf('/');
    return slash >= 0 ? [prefix.slice(0, slash)] : listDir(this.path).filter((d) => d.startsWith(prefix));
  }

  public keys(prefix: string): Promise<string[]> {
    return settle(() => this.keysSync(prefix));
  }

  public getSync(key: string): unknown {
    const file = this.fileOf(key);
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (e) {
      const code = codeOf(e);
      if (code === 'ENOENT') return undefined;
      if (code === 'ENOTDIR') throw this.pathError(e, file);
      throw new CorruptCheckpointError(file, { cause: e });
    }
    let text: string;
    try {
      text = this.readAll(fd);
    } catch (e) {
      throw new CorruptCheckpointError(file, { cause: e });
    } finally {
      fs.closeSync(fd);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new CorruptCheckpointError(file, { cause: e });
    }
  }

  public setSync(key: string, value: unknown): void {
    const file = this.fileOf(key);
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`FileStorage.set(${key}): the value has no JSON form`);
    const folder = join(this.path, key.slice(0, key.indexOf('/')));
    try {
      if (!this.folders.has(folder)) this.madeFolder(folder);
      replaceFile(file, text, folder, this.durable);
    } catch (e) {
      throw this.pathError(e, file);
    }
  }

  /** Makes `folder` and remembers it, forgetting the oldest one past {@link FOLDERS_KEPT}. */
  private madeFolder(folder: string): void {
    makeFolder(folder, this.durable);
    if (this.folders.size >= FOLDERS_KEPT) this.folders.delete(this.folders.values().next().value as string);
    this.folders.add(folder);
  }

  /** `error`, or a {@link StoragePathError} when it says a file stands where a folder should be on the way to `target`. */
  private pathError(error: unknown, target: string): unknown {
    const code = codeOf(error);
    return code !== undefined && NOT_A_FOLDER.has(code) ? new StoragePathError(this.path, target, { cause: error }) : error;
  }

  public keysSync(prefix: string): string[] {
    const keys: string[] = [];
    for (const folder of this.foldersOf(prefix)) {
      for (const name of listDir(join(this.path, folder))) {
        if (!name.endsWith(EXT)) continue;
        const key = `${folder}/${name.slice(0, -EXT.length)}`;
        if (key.startsWith(prefix) && FILE_KEY.test(key) && isEncodedFileName(name.slice(0, -EXT.length))) keys.push(key);
      }
    }
    return keys;
  }

  /**
   * Claims a workflow by its lock file, `<workflow>/.lock`, holding `host:pid:starttime` (the
   * process's start time where `/proc` gives it; `/threadId` after it from a worker thread),
   * created whole or not at all (see `claimLock` in `file-lock.ts`). A stale lock is taken over:
   * an empty or unreadable one; one naming a process of this host that is gone or a zombie, or
   * whose pid now belongs to a process with another start time; and one naming this very thread
   * that it does not hold. When several claims take over one stale lock at once, one wins, and no
   * claim ever moves a live lock. Once claimed, the temporary files of writers that died mid-write
   * are removed from the folder. Another host's lock is trusted.
   *
   * @throws WorkflowLockedError when a live process holds it.
   * @throws StoragePathError when `path`, or the workflow's folder, is a file or lies under one.
   */
  public claim(workflowId: string): Promise<() => Promise<void>> {
    return settle(() => {
      const name = encodeFileName('workflowId', workflowId);
      const folder = join(this.path, name);
      try {
        makeFolder(folder, this.durable);
      } catch (e) {
        throw this.pathError(e, folder);
      }
      const release = claimLock(folder, workflowId);
      try {
        this.removeAbandoned(name, (file) => isAbandonedTemp(file) || isLockLeftover(file));
      } catch (e) {
        release();
        throw e;
      }
      return () => settle(release);
    });
  }

  private readAll(fd: number): string {
    let length = 0;
    for (;;) {
      if (length === this.readBuffer.length) {
        const bigger = Buffer.allocUnsafe(this.readBuffer.length * 2);
        this.readBuffer.copy(bigger);
        this.readBuffer = bigger;
      }
      const n = fs.readSync(fd, this.readBuffer, length, this.readBuffer.length - length, null);
      if (n === 0) return this.readBuffer.toString('utf8', 0, length);
      length += n;
    }
  }
}
