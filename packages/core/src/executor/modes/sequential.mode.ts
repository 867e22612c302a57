import type { ModePort } from '../mode-port';
import { runChain } from './chain';

/** `sequential`: every task in order, one context chain. */
export function runSequential(run: ModePort): Promise<void> {
  return runChain(run, run.tasks);
}
