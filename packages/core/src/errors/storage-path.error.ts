import { DotflowError } from './dotflow.error';

/**
 * A `FileStorage` path cannot hold checkpoints: it, or a folder it needs, is a file (or lies under
 * one), so the system refused with `ENOTDIR` or `EEXIST`.
 *
 * @example
 * ```ts
 * // .output is a file here
 * await new FileStorage({ path: '.output' }).set(key, 1); // rejects with StoragePathError
 * ```
 */
export class StoragePathError extends DotflowError {
  /**
   * @param path - The storage's `path`.
   * @param target - The file or folder that could not be made.
   * @param options - `cause`: the system error (`ENOTDIR`, `EEXIST`).
   */
  public constructor(
    public readonly path: string,
    public readonly target: string,
    options?: { cause?: unknown },
  ) {
    super(
      `FileStorage path '${path}' cannot hold checkpoints: a file stands where a folder is needed on the way to '${target}'. ` +
        `Pass a path that is a folder or does not exist yet (new FileStorage({ path: '.output' })), or move that file away.`,
      options,
    );
  }
}
