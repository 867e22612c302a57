/**
 * Retry: `retry` is the number of attempts in all (`retry: 3` = up to 3 attempts), and
 * `retryDelay` is the wait in ms before the next one. Every failed attempt is kept in
 * `task.errors`; `task.retryCount` is attempts − 1.
 *
 * Run: npm run build && node examples/dist/retry.js
 */
import 'reflect-metadata';
import { DotFlow, action, type StepContext, type Task } from '@dotflow/core';

// A flaky call: attempts 1 and 2 fail, attempt 3 succeeds. `task.attempt` is 1-based.
export const flakyApi = action({ retry: 3, retryDelay: 20 }, async function flakyApi({ task }: StepContext) {
  await Promise.resolve(); // stands for real I/O
  if (task.attempt < 3) throw new Error(`service unavailable (attempt ${task.attempt})`);
  return { users: ['Alice', 'Bob'] };
});

export async function main(log: (line: string) => void = console.log): Promise<Task> {
  const workflow = new DotFlow({ name: 'retry-example' });
  workflow.task.add({ step: flakyApi });
  await workflow.start();

  const [task] = workflow.resultTask() as [Task];
  log(`Task ${task.taskId}: ${task.status} after ${task.attempt} attempts (retryCount ${task.retryCount})`);
  for (const error of task.errors) {
    log(`  attempt ${error.attempt} failed: ${error.exception}: ${error.message}`);
  }
  log(`  result: ${JSON.stringify(task.currentContext.storage)}`);
  return task;
}

if (require.main === module) void main();
