import type { Storage } from '../storage';
import { checkpointKey, workflowPrefix } from './storage-keys';

/**
 * Keeps checkpoints in memory (the default storage): fast, and gone with the process.
 * Values are copied with `structuredClone` on the way in and out, so mutating a result after a
 * task ran never changes its checkpoint.
 *
 * @example
 * ```ts
 * const config = new Config({ storage: new MemoryStorage() });
 * ```
 */
export class MemoryStorage implements Storage {
  private readonly data = new Map<string, unknown>();

  public get(key: string): Promise<unknown> {
    return Promise.resolve(this.data.has(key) ? structuredClone(this.data.get(key)) : undefined);
  }

  public set(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
    return Promise.resolve();
  }

  public delete(key: string): Promise<boolean> {
    return Promise.resolve(this.data.delete(key));
  }

  public deletePrefix(prefix: string): Promise<number> {
    let n = 0;
    for (const key of [...this.data.keys()]) if (key.startsWith(prefix) && this.data.delete(key)) n++;
    return Promise.resolve(n);
  }

  public keys(prefix: string): Promise<string[]> {
    return Promise.resolve([...this.data.keys()].filter((k) => k.startsWith(prefix)));
  }

  public key(workflowId: string, taskId: string): string {
    return checkpointKey(workflowId, taskId);
  }

  public prefix(workflowId: string): string {
    return workflowPrefix(workflowId);
  }
}
