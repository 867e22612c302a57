/**
 * Groups: a task's group comes from `@Action({ group })` / `action({ group }, fn)` (default
 * `'default'`), and `task.add({ groupName })` overrides it. Each group is its own context chain:
 * a task gets the previous task *of its group*, and each group's first task an empty context.
 *   - `parallel_group`: groups run at the same time, tasks in a group one after another;
 *   - `sequential_group`: groups run one after another, in order of first appearance.
 * When the tasks span more than one group, the default mode runs as `parallel_group`. A failure
 * stops only its own group (unless `keepGoing`).
 *
 * Run: npm run build && node examples/dist/groups.js
 */
import 'reflect-metadata';
import { setTimeout as delay } from 'node:timers/promises';
import { injectable } from 'tsyringe';
import { Action, DotFlow, action, type DotflowEvent, type ExecutionMode, type StepContext } from '@dotflow/core';

/** Two independent chains in one step class, declared interleaved: the group decides the chain. */
@injectable()
export class ReportSteps {
  @Action({ group: 'users' })
  public async fetchUsers({ signal }: StepContext<null>): Promise<string[]> {
    await delay(100, undefined, { signal }); // stands for an API call
    return ['Alice', 'Bob', 'Carol'];
  }

  @Action({ group: 'orders' })
  public async fetchOrders({ signal }: StepContext<null>): Promise<number[]> {
    await delay(100, undefined, { signal });
    return [30, 12];
  }

  // The previous task of the 'users' group is fetchUsers, although fetchOrders was declared between.
  @Action({ group: 'users' })
  public countUsers({ previousContext }: StepContext<string[]>): number {
    return previousContext.storage.length;
  }

  @Action({ group: 'orders' })
  public totalOrders({ previousContext }: StepContext<number[]>): number {
    return previousContext.storage.reduce((sum, amount) => sum + amount, 0);
  }
}

// A function step whose group is set when it is added (`groupName` wins over the action's group).
export const audit = action(function audit({ previousContext }: StepContext<null>) {
  return `audit started with ${JSON.stringify(previousContext.storage)}`;
});

export interface GroupRun {
  /** The mode asked for (`undefined`: the default). */
  readonly mode: ExecutionMode | undefined;
  /** `taskId:status` of each task event, in order. */
  readonly trail: string[];
  /** Each task's group and the task its previous context came from (`''` for an empty one). */
  readonly chains: Record<string, { group: string; previous: string; storage: unknown }>;
  readonly wallMs: number;
}

export async function main(log: (line: string) => void = console.log): Promise<GroupRun[]> {
  const workflow = new DotFlow({ name: 'groups-example' });
  workflow.task.add({ step: ReportSteps }); // groups 'users' and 'orders', from @Action({ group })
  workflow.task.add({ step: audit, groupName: 'audit' });

  const trail: string[] = [];
  const subscription = workflow.events$.subscribe((event: DotflowEvent) => {
    if (event.type === 'task') trail.push(`${event.taskId}:${event.status}`);
  });

  const runs: GroupRun[] = [];
  for (const mode of [undefined, 'sequential_group'] as const) {
    trail.length = 0;
    const result = await workflow.start(mode === undefined ? {} : { mode });
    const chains: GroupRun['chains'] = {};
    for (const task of result.tasks) {
      // An empty context (a chain's start) has the task id ''.
      chains[task.taskId] = { group: task.group, previous: task.previousContext.taskId, storage: task.currentContext.storage };
    }
    runs.push({ mode, trail: [...trail], chains, wallMs: result.duration });

    log(`${mode ?? 'default mode (runs as parallel_group)'}: ${result.status} in ${Math.round(result.duration)} ms`);
    log(`  events: ${trail.join(', ')}`);
    for (const [taskId, { group, previous, storage }] of Object.entries(chains)) {
      log(`  ${group}/${taskId} <- ${previous || '(empty)'}: ${JSON.stringify(storage)}`);
    }
  }

  subscription.unsubscribe();
  return runs;
}

if (require.main === module) void main();
