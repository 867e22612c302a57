import type { ActionFunction, Config, DotFlow, StepContext, Storage, TaskStatus } from '@dotflow/core';
import type { Core } from './core';
import { expectedSum, type AsyncFn, type SyncFn, type Value } from './floors';
import { expectEqual } from './workload';

/** The bench's helpers on one build of the package (see {@link Core}). */
export interface DotflowSteps {
  /** The same functions as Dotflow steps, named `${prefix}0`, `${prefix}1`… (stable ids). */
  readonly asSteps: (fns: readonly (SyncFn | AsyncFn)[], prefix: string) => ActionFunction[];
  /** The config of every benchmark flow: logging off, default (no-op) providers, in-memory storage unless given. */
  readonly silentConfig: (storage?: Storage) => Config;
  /** `new DotFlow()` with the steps added one `task.add` at a time, as a user would. */
  readonly buildFlow: (steps: readonly ActionFunction[], workflowId: string, config?: Config) => DotFlow;
  /** Throws unless the flow's last run ended `Completed` with its `n` tasks all in `status`. */
  readonly checkStatuses: (flow: DotFlow, n: number, status?: TaskStatus) => void;
  /**
   * Throws unless the flow's last run ended with every task in `status` (`Skipped` for a resumed
   * run) and the chain's sum as the last task's result.
   */
  readonly checkRun: (flow: DotFlow, n: number, status?: TaskStatus) => void;
}

/** The helpers bound to `core`. */
export function dotflowSteps(core: Core): DotflowSteps {
  const { action, Config: ConfigClass, ConsoleLog, DotFlow: DotFlowClass, TaskStatus: Status, WorkflowStatus } = core;
  const silentConfig = (storage?: Storage): Config =>
    new ConfigClass({ log: new ConsoleLog({ level: 'silent' }), ...(storage ? { storage } : {}) });
  const checkStatuses = (flow: DotFlow, n: number, status: TaskStatus = Status.Completed): void => {
    const tasks = flow.resultTask();
    expectEqual('task count', tasks.length, n);
    expectEqual(`${status} tasks`, tasks.filter((t) => t.status === status).length, n);
    expectEqual('workflow status', flow.result().status, WorkflowStatus.Completed);
  };
  return {
    asSteps: (fns, prefix) =>
      fns.map((f, i) => action({ name: `${prefix}${i}` }, ({ previousContext }: StepContext<Value | null>) => f(previousContext.storage))),
    silentConfig,
    buildFlow: (steps, workflowId, config = silentConfig()) => {
      const flow = new DotFlowClass({ config, workflowId, name: 'bench' });
      for (const step of steps) flow.task.add({ step });
      return flow;
    },
    checkStatuses,
    checkRun: (flow, n, status = Status.Completed) => {
      checkStatuses(flow, n, status);
      const last = flow.resultStorage()[n - 1] as Value | undefined;
      expectEqual('last task result', last?.sum, expectedSum(n));
    },
  };
}
