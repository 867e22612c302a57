import { DotflowError } from './dotflow.error';

/** A stored checkpoint cannot be read back (unreadable or malformed content). */
export class CorruptCheckpointError extends DotflowError {
  public constructor(public readonly location: string, options?: { cause?: unknown }) {
    super(
      `The checkpoint at ${location} is unreadable or corrupt. Delete it to re-run that task, ` +
        `or start with onInputChange: 'reset' to discard the workflow's checkpoints.`,
      options,
    );
  }
}
