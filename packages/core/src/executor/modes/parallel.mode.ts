import type { ModePort } from '../mode-port';
import { pool } from './pool';

/** `parallel`: every task at once (at most `concurrency`), each with an empty previous context. */
export function runParallel(run: ModePort): Promise<void> {
  return pool(run.tasks, run.concurrency, (task) => run.runTask(task, run.empty));
}
