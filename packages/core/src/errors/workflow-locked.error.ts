import { DotflowError } from './dotflow.error';

/** Another live process is resuming the same workflow on the same storage. */
export class WorkflowLockedError extends DotflowError {
  public constructor(public readonly workflowId: string, public readonly holder: string) {
    super(
      `Workflow '${workflowId}' is being resumed by ${holder}. Wait for that run to end, or use another workflowId; ` +
        `a lock left by a process that died is taken over automatically.`,
    );
  }
}
