import type { Storage } from '../storage';
import { checkpointKey, workflowPrefix } from './storage-keys';

/**
 * Keeps checkpoints in memory (the default storage): fast, and gone with the process.
 * Values are copied with `structuredClone` on the way in and out, so mutating a value after
 * storing it, or one read back, never changes what is stored.
 *
 * @example
 * ```ts
 * const config = new Config({ storage: new MemoryStorage() });
 * ```
 */
export class MemoryStorage implements Storage {
  /** Checkpoints live as long as the process. */
  public readonly volatile = true;
  private readonly data = new Map<string, unknown>();

  public get(key: string): Promise<unknown> {
    return Promise.resolve(this.getSync(key));
  }

  public set(key: string, value: unknown): Promise<void> {
    this.setSync(key, value);
    return Promise.resolve();
  }

  public delete(key: string): Promise<boolean> {
    return Promise.resolve(this.data.delete(key));
  }

  public deletePrefix(prefix: string): Promise<number> {
    let n = 0;
    for (const key of this.keysSync(prefix)) if (this.data.delete(key)) n++;
    return Promise.resolve(n);
  }

  public keys(prefix: string): Promise<string[]> {
    return Promise.resolve(this.keysSync(prefix));
  }

  public getSync(key: string): unknown {
    const value = this.data.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  public setSync(key: string, value: unknown): void {
    this.data.set(key, structuredClone(value));
  }

  public keysSync(prefix: string): string[] {
    const keys: string[] = [];
    for (const key of this.data.keys()) if (key.startsWith(prefix)) keys.push(key);
    return keys;
  }

  public key(workflowId: string, taskId: string): string {
    return checkpointKey(workflowId, taskId);
  }

  public prefix(workflowId: string): string {
    return workflowPrefix(workflowId);
  }
}
