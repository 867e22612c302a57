import { TaskStatus } from '../../status/task-status';
import type { TaskRecord } from '../task-record';
import type { WorkflowRun } from '../workflow-run';

/**
 * Runs tasks one after another, each given the previous task's context (the first gets the
 * empty context). After a failure the chain stops, unless `keepGoing`: then the next task gets
 * the failed task's empty context.
 */
export async function runChain(run: WorkflowRun, tasks: readonly TaskRecord[]): Promise<void> {
  let previous = run.empty;
  for (const task of tasks) {
    if (run.cancelled) return;
    const pending = run.runTask(task, previous);
    if (pending !== undefined) await pending;
    if (task.status === TaskStatus.Failed && !run.options.keepGoing) return;
    previous = task.currentContext;
  }
}
