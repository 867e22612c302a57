import { ExecutionMode } from '../../options/execution-mode';
import type { TaskDefinition } from '../../plan/task-definition';
import type { ModeRunner } from '../workflow-run';
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

function spansGroups(tasks: readonly TaskDefinition[]): boolean {
  const first = tasks[0]?.group;
  return tasks.some((t) => t.group !== first);
}
