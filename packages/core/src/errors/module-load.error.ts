import { DotflowError } from './dotflow.error';

/** A module named on the command line could not be loaded, or lacks the named export. */
export class ModuleLoadError extends DotflowError {
  public constructor(public readonly specifier: string, options?: { cause?: unknown }) {
    super(
      `Cannot load '${specifier}': check the path (relative to the current folder) and that the ` +
        `module exports that name.`,
      options,
    );
  }
}
