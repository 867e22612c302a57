import type { Clock } from '../providers/clock';
import { TaskStatus } from '../status/task-status';
import { WorkflowStatus } from '../status/workflow-status';
import type { Task } from '../task/task';

/** The waits of a run (between retries), on its clock; a cancel wakes them all at once. */
export class Sleepers {
  readonly #wakes = new Set<() => void>();

  public constructor(private readonly clock: Clock) {}

  /** Waits `ms`; resolves at once for `ms <= 0`. No timer outlives the wait. */
  public sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        this.clock.clearTimeout(handle);
        this.#wakes.delete(wake);
        resolve();
      };
      const handle = this.clock.setTimeout(wake, ms);
      this.#wakes.add(wake);
    });
  }

  /** Ends every wait now. */
  public wakeAll(): void {
    for (const wake of [...this.#wakes]) wake();
  }
}

/** A run's final status from its tasks': a failed task makes it Failed even if it was then cancelled. */
export function finalStatus(tasks: readonly Task[]): WorkflowStatus {
  let cancelled = false;
  for (const task of tasks) {
    if (task.status === TaskStatus.Failed) return WorkflowStatus.Failed;
    if (task.status === TaskStatus.Cancelled) cancelled = true;
  }
  return cancelled ? WorkflowStatus.Cancelled : WorkflowStatus.Completed;
}
