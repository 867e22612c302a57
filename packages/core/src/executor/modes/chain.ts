import { TaskStatus } from '../../status/task-status';
import type { Task } from '../../task/task';
import type { ModePort } from '../mode-port';

/**
 * Runs tasks one after another, each given the previous task's context (the first gets the
 * empty context). After a failure the chain stops, unless `keepGoing`: then the next task gets
 * the failed task's empty context.
 */
export async function runChain(run: ModePort, tasks: readonly Task[]): Promise<void> {
  let previous = run.empty;
  for (const task of tasks) {
    if (run.cancelled) return;
    const pending = run.runTask(task, previous);
    if (pending !== undefined) await pending;
    if (task.status === TaskStatus.Failed && !run.keepGoing) return;
    previous = task.currentContext;
  }
}
