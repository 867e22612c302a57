import { DotflowError } from './dotflow.error';

/** A stored checkpoint cannot be read back (unreadable or malformed content). */
export class CorruptCheckpointError extends DotflowError {
  public constructor(public readonly location: string, options?: { cause?: unknown }) {
    super(
      `The checkpoint at ${location} is unreadable or corrupt. Delete it to re-run that task, ` +
        `or start the workflow once without resume: a plain run discards all of its checkpoints and runs every task.`,
      options,
    );
  }
}
