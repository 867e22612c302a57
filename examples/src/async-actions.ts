/**
 * The main example: async actions. Async and sync steps mix freely; each step's return value is
 * the next step's `previousContext.storage`.
 *
 * Run: npm run example
 */
import 'reflect-metadata';
import { DotFlow, action } from '@dotflow/core';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const fetchUsers = action(async function fetchUsers() {
  await sleep(100);
  return { users: ['Alice', 'Bob'] };
});

export const fetchOrders = action(async function fetchOrders() {
  await sleep(100);
  return { orders: [1, 2, 3] };
});

export const process = action(function process({ previousContext }) {
  return { processed: previousContext.storage };
});

export async function main(log: (line: string) => void = console.log): Promise<DotFlow> {
  const workflow = new DotFlow();

  workflow.task.add({ step: fetchUsers });
  workflow.task.add({ step: process });
  await workflow.start();

  for (const task of workflow.resultTask()) {
    log(`Task ${task.taskId}: ${task.status}`);
  }
  return workflow;
}

if (require.main === module) void main();
