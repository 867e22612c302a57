/**
 * Where checkpoints live. The executor awaits `set`, so a checkpoint is durable before the next
 * task starts. Keys come only from `key()` and `prefix()`, which encode both ids injectively:
 * no id can produce another workflow's key or prefix.
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
   */
  readonly volatile?: boolean;
  /** Optional: where a key lives, for error messages (e.g. a file path). */
  locate?(key: string): string;
  /**
   * Optional exclusive claim on a workflow, taken by a resuming run and released when it ends.
   * Throws `WorkflowLockedError` when another live holder has it.
   */
  claim?(workflowId: string): Promise<() => Promise<void>>;
}
