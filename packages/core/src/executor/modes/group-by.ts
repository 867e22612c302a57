import type { Task } from '../../task/task';

/** Tasks by group, groups in order of first appearance, tasks in order within a group. */
export function groupTasks(tasks: readonly Task[]): Task[][] {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const list = groups.get(task.group);
    if (list) list.push(task);
    else groups.set(task.group, [task]);
  }
  return [...groups.values()];
}
