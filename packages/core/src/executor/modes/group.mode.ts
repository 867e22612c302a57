import type { ModePort } from '../mode-port';
import { runChain } from './chain';
import { groupTasks } from './group-by';
import { pool } from './pool';

/** `parallel_group`: groups at once (at most `concurrency`), each its own chain. */
export function runParallelGroups(run: ModePort): Promise<void> {
  return pool(groupTasks(run.tasks), run.concurrency, (group) => runChain(run, group));
}

/** `sequential_group`: one group after another, each its own chain starting empty. */
export async function runSequentialGroups(run: ModePort): Promise<void> {
  for (const group of groupTasks(run.tasks)) await runChain(run, group);
}
