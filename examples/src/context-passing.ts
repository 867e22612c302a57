/**
 * Context passing. A step receives one argument, `StepContext<P, I>`:
 *   - `previousContext.storage` (type `P`): what the previous task returned (`null` for the first);
 *   - `initialContext.storage` (type `I`): the task's own input, from `task.add({ initialContext })`,
 *     else from `start({ initialContext })`.
 * Whatever a step returns becomes its `currentContext.storage`, and the next task's previous context.
 *
 * Run: npm run build && node examples/dist/context-passing.js
 */
import 'reflect-metadata';
import { DotFlow, action, type StepContext } from '@dotflow/core';

interface Source { readonly region: string }
interface RunInput { readonly since: string }
interface Users { readonly region: string; readonly users: string[] }

// First task: no previous result (`P = null`); its input comes from task.add({ initialContext }).
export const fetchUsers = action(function fetchUsers({ initialContext }: StepContext<null, Source>): Users {
  return { region: initialContext.storage.region, users: ['Alice', 'Bob', 'Carol'] };
});

// Reads the previous task's result, typed by `P`.
export const countUsers = action(function countUsers({ previousContext }: StepContext<Users>) {
  return { region: previousContext.storage.region, count: previousContext.storage.users.length };
});

// Reads both: the previous result and the run-wide input given to start().
export const report = action(function report({
  previousContext,
  initialContext,
}: StepContext<{ region: string; count: number }, RunInput>) {
  const { region, count } = previousContext.storage;
  return `${count} users in ${region} since ${initialContext.storage.since}`;
});

export async function main(log: (line: string) => void = console.log): Promise<DotFlow> {
  const workflow = new DotFlow({ name: 'context-example' });
  workflow.task.add({ step: fetchUsers, initialContext: { region: 'eu-west' } satisfies Source });
  workflow.task.add({ step: [countUsers, report] }); // no own initialContext: start()'s applies
  await workflow.start({ initialContext: { since: '2026-01-01' } satisfies RunInput });

  for (const task of workflow.resultTask()) {
    log(`Task ${task.taskId}: ${task.status}`);
    log(`  initial:  ${JSON.stringify(task.initialContext.storage)}`);
    log(`  previous: ${JSON.stringify(task.previousContext.storage)} (from "${task.previousContext.taskId}")`);
    log(`  current:  ${JSON.stringify(task.currentContext.storage)}`);
  }
  return workflow;
}

if (require.main === module) void main();
