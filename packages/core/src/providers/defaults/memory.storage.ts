import { InvalidStorageOptionsError } from '../../errors/invalid-storage-options.error';
import { WorkflowLockedError } from '../../errors/workflow-locked.error';
import type { Storage } from '../storage';
import { checkpointKey, encodeKeyPart, workflowPrefix } from './storage-keys';
import { settle } from '../../internal/settle';

/** Options of {@link MemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * How many workflows (workflow ids) the storage keeps checkpoints of. Writing a checkpoint of one
   * more workflow evicts the least recently written workflows that no run claims at that moment,
   * so a long-lived storage shared by runs with random ids stays bounded. An evicted workflow is
   * simply gone: a later resume of it runs every task again. `Infinity` keeps every workflow.
   * @defaultValue 1000
   */
  readonly maxWorkflows?: number;
}

/** What {@link MemoryStorageOptions.maxWorkflows} is when not given. */
const DEFAULT_MAX_WORKFLOWS = 1000;
const RELEASED: Promise<void> = Promise.resolve();

/**
 * Keeps checkpoints in memory (the default storage): fast, and gone with the process.
 * Values are JSON data (the executor encodes results before storing them) and are kept as JSON
 * text, so mutating a value after storing it, or one read back, never changes what is stored.
 * Keys are kept per workflow, so listing or clearing one workflow never scans the others.
 *
 * At most `maxWorkflows` workflows are kept (1,000 by default): writing to one more evicts the
 * least recently written workflows that are not claimed, so runs with random ids do not pile up
 * checkpoints nobody will resume. `claim` is an in-process exclusive claim: a second claim of an
 * id while the first is held rejects with `WorkflowLockedError`.
 *
 * @example
 * ```ts
 * const config = new Config({ storage: new MemoryStorage({ maxWorkflows: 10_000 }) });
 * ```
 * @throws InvalidStorageOptionsError for a `maxWorkflows` that is not an integer ≥ 1 or `Infinity`.
 */
export class MemoryStorage implements Storage {
  /** Checkpoints live as long as the process. */
  public readonly volatile = true;
  /** The most workflows kept at once (claimed ones are never evicted, so there may be more). */
  public readonly maxWorkflows: number;
  /** key text by key, grouped by the part before the first `/`; least recently written first. */
  private readonly buckets = new Map<string, Map<string, string>>();
  /** The bucket of the latest write: already last in `buckets`. */
  private lastWritten: string | undefined;
  /** The buckets (encoded workflow ids) a run claims. */
  private readonly claimed = new Set<string>();

  public constructor(options: MemoryStorageOptions = {}) {
    const max = options.maxWorkflows === undefined ? DEFAULT_MAX_WORKFLOWS : options.maxWorkflows;
    if (typeof max !== 'number' || !(Number.isInteger(max) || max === Infinity) || max < 1) {
      throw new InvalidStorageOptionsError('MemoryStorage', 'maxWorkflows', max, 'must be an integer ≥ 1, or Infinity for no bound');
    }
    this.maxWorkflows = max;
  }

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

  /**
   * Claims a workflow in this process: held until the release is called.
   * @throws WorkflowLockedError (as a rejection) while another run of this process holds it.
   */
  public claim(workflowId: string): Promise<() => Promise<void>> {
    return settle(() => {
      const name = encodeKeyPart('workflowId', workflowId);
      if (this.claimed.has(name)) throw new WorkflowLockedError(workflowId, 'another run in this process');
      this.claimed.add(name);
      let held = true;
      return () => {
        if (held) {
          held = false;
          this.claimed.delete(name);
        }
        return RELEASED;
      };
    });
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
      this.lastWritten = name;
      if (this.buckets.size > this.maxWorkflows) this.evict(name);
    } else if (name !== this.lastWritten) {
      // most recently written last: move it to the end of the map's order
      this.buckets.delete(name);
      this.buckets.set(name, bucket);
      this.lastWritten = name;
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

  /** Drops the least recently written unclaimed buckets, never `keep`, until at most `maxWorkflows` are left. */
  private evict(keep: string): void {
    for (const name of this.buckets.keys()) {
      if (this.buckets.size <= this.maxWorkflows) return;
      if (name !== keep && !this.claimed.has(name)) this.buckets.delete(name);
    }
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
