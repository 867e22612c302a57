import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * New folders for a workload's files, under one folder per process and workload in `bench/.data`
 * (gitignored); `dispose()` deletes them all. A fresh folder per variant, never a deleted and
 * re-made one: creating files soon after deleting many is slow on this machine's file system.
 */
export class Scratch {
  #root: string | undefined;

  public constructor(private readonly workload: string) {}

  /** A new empty folder named after `name`. */
  public folder(name: string): string {
    if (this.#root === undefined) {
      const data = join(__dirname, '..', '.data');
      mkdirSync(data, { recursive: true });
      this.#root = mkdtempSync(join(data, `${this.workload}-${process.pid}-`));
    }
    return mkdtempSync(join(this.#root, `${name}-`));
  }

  /** Deletes every folder made so far. */
  public dispose(): void {
    if (this.#root !== undefined) rmSync(this.#root, { recursive: true, force: true });
    this.#root = undefined;
  }
}
