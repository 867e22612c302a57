import type { WorkflowRun } from '../workflow-run';
import { runChain } from './chain';

/** `sequential`: every task in order, one context chain. */
export function runSequential(run: WorkflowRun): Promise<void> {
  return runChain(run, run.tasks);
}
