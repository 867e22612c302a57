import { DotflowError } from './dotflow.error';

/** A provider given to `new Config()` lacks a method its role needs. */
export class InvalidConfigError extends DotflowError {
  public constructor(public readonly provider: string, missing: string) {
    super(`new Config(): "${provider}" must implement ${missing}; pass an object that does, or leave it out for the default.`);
  }
}
