import { DotflowError } from './dotflow.error';

/**
 * A provider given to `new Config()` lacks a method its role needs.
 *
 * @example
 * ```ts
 * new Config({ storage: {} as never });
 * // InvalidConfigError: new Config(): "storage" must implement get(), …; pass an object that does, or leave it out for the default.
 * ```
 */
export class InvalidConfigError extends DotflowError {
  /**
   * @param provider - The `Config` option that was given the provider (`storage`).
   * @param missing - The method(s) it lacks.
   */
  public constructor(public readonly provider: string, missing: string) {
    super(`new Config(): "${provider}" must implement ${missing}; pass an object that does, or leave it out for the default.`);
  }
}
