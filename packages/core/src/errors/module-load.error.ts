import { DotflowError } from './dotflow.error';

/**
 * A module named on the command line could not be loaded, or lacks the named export.
 *
 * @example
 * ```ts
 * try { await import('./flows.js'); }
 * catch (cause) { throw new ModuleLoadError('./flows.js#etl', { cause }); }
 * ```
 */
export class ModuleLoadError extends DotflowError {
  /**
   * @param specifier - The module and export that were asked for (`./flows.js#etl`).
   * @param options - `cause`: why it could not be loaded.
   */
  public constructor(public readonly specifier: string, options?: { cause?: unknown }) {
    super(
      `Cannot load '${specifier}': check the path (relative to the current folder) and that the ` +
        `module exports that name.`,
      options,
    );
  }
}
