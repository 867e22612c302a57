import { DotflowError } from './dotflow.error';

/** `resume: true` needs every task to have a stable name; some are anonymous. */
export class UnnamedTaskError extends DotflowError {
  public constructor(public readonly positions: readonly number[], public readonly workflowId: string) {
    super(
      `Cannot resume workflow '${workflowId}': the tasks at position(s) ${positions.join(', ')} ` +
        `(0-based) are anonymous functions, so their ids depend on their position. Name them: ` +
        `action({ name: 'load' }, fn) or action(function load() { … }).`,
    );
  }
}
