import {
  action, Config, ConsoleLog, DotFlow, TaskStatus, WorkflowStatus, type ActionFunction, type StepContext, type Storage,
} from '@dotflow/core';
import { expectedSum, type AsyncFn, type SyncFn, type Value } from './floors';
import { expectEqual } from './workload';

export * from './floors';

/** The same functions as Dotflow steps, named `${prefix}0`, `${prefix}1`… (stable ids). */
export function asSteps(fns: readonly (SyncFn | AsyncFn)[], prefix: string): ActionFunction[] {
  return fns.map((f, i) =>
    action({ name: `${prefix}${i}` }, ({ previousContext }: StepContext<Value | null>) => f(previousContext.storage)),
  );
}

/** The config of every benchmark flow: logging off, default (no-op) providers, in-memory storage unless given. */
export function silentConfig(storage?: Storage): Config {
  return new Config({ log: new ConsoleLog({ level: 'silent' }), ...(storage ? { storage } : {}) });
}

/** `new DotFlow()` with the steps added one `task.add` at a time, as a user would. */
export function buildFlow(steps: readonly ActionFunction[], workflowId: string, config: Config = silentConfig()): DotFlow {
  const flow = new DotFlow({ config, workflowId, name: 'bench' });
  for (const step of steps) flow.task.add({ step });
  return flow;
}

/** Throws unless the flow's last run ended `Completed` with its `n` tasks all in `status`. */
export function checkStatuses(flow: DotFlow, n: number, status: TaskStatus = TaskStatus.Completed): void {
  const tasks = flow.resultTask();
  expectEqual('task count', tasks.length, n);
  expectEqual(`${status} tasks`, tasks.filter((t) => t.status === status).length, n);
  expectEqual('workflow status', flow.result().status, WorkflowStatus.Completed);
}

/**
 * Throws unless the flow's last run ended with every task in `status` (`Skipped` for a resumed
 * run) and the chain's sum as the last task's result.
 */
export function checkRun(flow: DotFlow, n: number, status: TaskStatus = TaskStatus.Completed): void {
  checkStatuses(flow, n, status);
  const last = flow.resultStorage()[n - 1] as Value | undefined;
  expectEqual('last task result', last?.sum, expectedSum(n));
}
