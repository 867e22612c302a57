import type { Storage } from '../storage';
import { checkpointKey, workflowPrefix } from './storage-keys';
import { settle } from '../../internal/settle';

/**
 * Keeps checkpoints in memory (the default storage): fast, and gone with the process.
 * Values are JSON data (the executor encodes results before storing them) and are kept as JSON
 * text, so mutating a value after storing it, or one read back, never changes what is stored.
 * Keys are kept per workflow, so listing or clearing one workflow never scans the others.
 *
 * @example
 * ```ts
 * const config = new Config({ storage: new MemoryStorage() });
 * ```
 */
export class MemoryStorage implements Storage {
  /** Checkpoints live as long as the process. */
  public readonly volatile = true;
  /** key text by key, grouped by the part before the first `/`. */
  private readonly buckets = new Map<string, Map<string, string>>();

  // The async methods report an error (a value with no JSON form, a BigInt…) as a rejection, as
  // any storage does, never as a synchronous throw; the *Sync methods throw.

  public get(key: string): Promise<unknown> {
    return settle(() => this.getSync(key));
  }

  public set(key: string, value: unknown): Promise<void> {
    return settle(() => this.setSync(key, value));
  }

  public delete(key: string): Promise<boolean> {
    return settle(() => {
      const bucket = this.buckets.get(bucketOf(key));
      return bucket !== undefined && bucket.delete(key);
    });
  }

  public deletePrefix(prefix: string): Promise<number> {
    return settle(() => this.deletePrefixSync(prefix));
  }

  public keys(prefix: string): Promise<string[]> {
    return settle(() => this.keysSync(prefix));
  }

  public getSync(key: string): unknown {
    const text = this.buckets.get(bucketOf(key))?.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  public setSync(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`MemoryStorage.set(${key}): the value has no JSON form`);
    const name = bucketOf(key);
    let bucket = this.buckets.get(name);
    if (bucket === undefined) {
      bucket = new Map();
      this.buckets.set(name, bucket);
    }
    bucket.set(key, text);
  }

  public keysSync(prefix: string): string[] {
    if (isBucketPrefix(prefix)) return [...(this.buckets.get(prefix.slice(0, -1))?.keys() ?? [])];
    const keys: string[] = [];
    for (const bucket of this.buckets.values()) for (const key of bucket.keys()) if (key.startsWith(prefix)) keys.push(key);
    return keys;
  }

  public key(workflowId: string, taskId: string): string {
    return checkpointKey(workflowId, taskId);
  }

  public prefix(workflowId: string): string {
    return workflowPrefix(workflowId);
  }

  /** The work of {@link MemoryStorage.deletePrefix}, synchronous. */
  private deletePrefixSync(prefix: string): number {
    if (isBucketPrefix(prefix)) {
      const bucket = this.buckets.get(prefix.slice(0, -1));
      this.buckets.delete(prefix.slice(0, -1));
      return bucket?.size ?? 0;
    }
    let n = 0;
    for (const key of this.keysSync(prefix)) {
      if (this.buckets.get(bucketOf(key))?.delete(key)) n++;
    }
    return n;
  }
}

function bucketOf(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key : key.slice(0, slash);
}

/** True for `<bucket>/`: a whole workflow's keys. */
function isBucketPrefix(prefix: string): boolean {
  return prefix.length > 1 && prefix.indexOf('/') === prefix.length - 1;
}
