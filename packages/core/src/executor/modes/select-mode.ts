import { ExecutionMode } from '../../options/execution-mode';
import type { TaskDefinition } from '../../plan/task-definition';
import type { ModeRunner } from '../mode-port';
import { runParallelGroups, runSequentialGroups } from './group.mode';
import { runParallel } from './parallel.mode';
import { runSequential } from './sequential.mode';

/**
 * The runner of a mode. `sequential` and `background` run as `parallel_group` when the tasks
 * span more than one group.
 */
export function selectMode(mode: ExecutionMode, tasks: readonly TaskDefinition[]): ModeRunner {
  switch (mode) {
    case ExecutionMode.Parallel:
      return runParallel;
    case ExecutionMode.ParallelGroup:
      return runParallelGroups;
    case ExecutionMode.SequentialGroup:
      return runSequentialGroups;
    case ExecutionMode.Sequential:
    case ExecutionMode.Background:
      return spansGroups(tasks) ? runParallelGroups : runSequential;
  }
}

/** The mode a run without `mode` uses: `parallel_group` when the tasks span several groups, else `sequential`. */
export function defaultMode(tasks: readonly { readonly group: string }[]): ExecutionMode {
  return spansGroups(tasks) ? ExecutionMode.ParallelGroup : ExecutionMode.Sequential;
}

function spansGroups(tasks: readonly { readonly group: string }[]): boolean {
  const first = tasks[0]?.group;
  return tasks.some((t) => t.group !== first);
}
