import { DotflowError } from './dotflow.error';
import { describeValue } from './invalid-action-options.error';

/** `start({ mode })` names a mode that does not exist. */
export class ExecutionModeNotExistError extends DotflowError {
  public constructor(public readonly mode: unknown, allowed: readonly string[]) {
    super(
      `The execution mode ${describeValue(mode)} does not exist. ` +
        `Use one of ${allowed.map((m) => `'${m}'`).join(', ')} (or the ExecutionMode constants).`,
    );
  }
}
