import { DotflowError } from './dotflow.error';

/**
 * A resumed run's initial contexts differ from the ones that wrote its checkpoints.
 *
 * @example
 * ```ts
 * try { await flow.start({ resume: true, onInputChange: 'raise', initialContext: { day: 2 } }); }
 * catch (e) { if (e instanceof InputChangedError) await flow.start({ resume: true, onInputChange: 'reset', initialContext: { day: 2 } }); }
 * ```
 */
export class InputChangedError extends DotflowError {
  /**
   * @param workflowId - The workflow whose checkpoints were written with another input.
   */
  public constructor(public readonly workflowId: string) {
    super(
      `Workflow '${workflowId}' was previously executed with a different initialContext. ` +
        `Pass onInputChange: 'reset' to discard prior checkpoints, or 'reuse' to ignore the new input. ` +
        `(The fingerprint covers every task's initial context in task order, so adding, removing or reordering steps changes it too.)`,
    );
  }
}
