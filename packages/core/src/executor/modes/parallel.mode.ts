import type { WorkflowRun } from '../workflow-run';
import { pool } from './pool';

/** `parallel`: every task at once (at most `concurrency`), each with an empty previous context. */
export function runParallel(run: WorkflowRun): Promise<void> {
  return pool(run.tasks, run.options.concurrency, (task) => run.runTask(task, run.empty));
}
