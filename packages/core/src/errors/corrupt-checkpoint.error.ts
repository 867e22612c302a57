import { DotflowError } from './dotflow.error';

/**
 * A stored checkpoint cannot be read back (unreadable or malformed content).
 *
 * @example
 * ```ts
 * try { await flow.start({ resume: true }); }
 * catch (e) { if (e instanceof CorruptCheckpointError) await flow.start(); } // a plain run discards the checkpoints
 * ```
 */
export class CorruptCheckpointError extends DotflowError {
  /**
   * @param location - Where the checkpoint is (a file path for `FileStorage`, else its key).
   * @param options - `cause`: why it could not be read (a `SyntaxError`…).
   */
  public constructor(public readonly location: string, options?: { cause?: unknown }) {
    super(
      `The checkpoint at ${location} is unreadable or corrupt. Delete it to re-run that task, ` +
        `or start the workflow once without resume: a plain run discards all of its checkpoints and runs every task.`,
      options,
    );
  }
}
