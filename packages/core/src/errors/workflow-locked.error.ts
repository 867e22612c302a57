import { DotflowError } from './dotflow.error';

/**
 * Another run holds the claim on this workflow id on this storage: one run of a workflow id at a
 * time may read, write or delete its checkpoints. `holder` describes that run (for `FileStorage`,
 * `process <host>:<pid>:<start time>[/<thread id>]`).
 *
 * @example
 * ```ts
 * try { await flow.start({ resume: true }); }
 * catch (e) { if (e instanceof WorkflowLockedError) await flow.start({ workflowId: `${e.workflowId}-2` }); }
 * ```
 */
export class WorkflowLockedError extends DotflowError {
  /**
   * @param workflowId - The workflow id that is claimed.
   * @param holder - The run that holds the claim.
   */
  public constructor(public readonly workflowId: string, public readonly holder: string) {
    super(
      `Workflow '${workflowId}' is claimed by ${holder}: one run of a workflow id at a time may use a storage. ` +
        `Wait for that run to end, or pass start({ workflowId }) to run this one under another id. ` +
        `A claim left by a process that died (killed, crashed, a zombie, a reused pid) is taken over.`,
    );
  }
}
