/**
 * Where checkpoints live, and who owns each workflow id. The executor claims a workflow
 * (`claim`) before touching its keys, and awaits `set`, so a checkpoint is durable before the next
 * task starts. Keys come only from `key()` and `prefix()`, which encode both ids injectively:
 * no id can produce another workflow's key or prefix. Check an implementation with
 * `describeStorageContract` from `@dotflow/core/testing`.
 *
 * @example
 * ```ts
 * const storage: Storage = new FileStorage({ path: '.output' });
 * const release = await storage.claim('nightly');
 * try { await storage.set(storage.key('nightly', 'load'), { rows: 3 }); } finally { await release(); }
 * ```
 */
export interface Storage {
  /** The stored value, or `undefined` when the key is missing. */
  get(key: string): Promise<unknown>;
  /** Stores (overwrites) a value. */
  set(key: string, value: unknown): Promise<void>;
  /** Deletes a key; true when it existed. */
  delete(key: string): Promise<boolean>;
  /** Deletes every key that starts with `prefix`; the number deleted. */
  deletePrefix(prefix: string): Promise<number>;
  /** Every key that starts with `prefix`. */
  keys(prefix: string): Promise<string[]>;
  /** The key of a task's checkpoint. */
  key(workflowId: string, taskId: string): string;
  /** The prefix of every key of a workflow. */
  prefix(workflowId: string): string;
  /** Optional synchronous `get`, used on the executor's fast path when present. */
  getSync?(key: string): unknown;
  /** Optional synchronous `set`, used on the executor's fast path when present. */
  setSync?(key: string, value: unknown): void;
  /** Optional synchronous `keys`, used on the executor's fast path when present. */
  keysSync?(prefix: string): string[];
  /**
   * True when checkpoints live only as long as the process (the in-memory default). A result that
   * cannot be encoded then gets no checkpoint (with a warning) instead of failing its task.
   * @defaultValue false (the checkpoints outlive the process)
   */
  readonly volatile?: boolean;
  /** Optional: where a key lives, for error messages (e.g. a file path). */
  locate?(key: string): string;
  /**
   * Claims `workflowId` on this storage, exclusively: every run (resume or not) claims its workflow
   * before it reads, writes or deletes anything of it, and calls the returned release when it ends.
   * While a claim is held, a second claim of the same id (from this process or, for a shared
   * storage, any other) rejects with `WorkflowLockedError`; claims of different ids are independent.
   * A claim whose holder died (a killed or crashed process) must not block the id forever: it is
   * taken over, or expires. The release is idempotent: calling it again does nothing, and never
   * releases a later claim of the same id.
   *
   * @returns the release of this claim
   * @throws WorkflowLockedError (as a rejection) while another live holder has the claim.
   */
  claim(workflowId: string): Promise<() => Promise<void>>;
}
