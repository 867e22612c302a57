/**
 * The public API exactly as the package documents it: this file must compile as it
 * stands (the typecheck of `npm test` builds it) and run. A rename or a narrowed type in the
 * public surface breaks it.
 */
import 'reflect-metadata';
import { container, injectable, type DependencyContainer } from 'tsyringe';
import { lastValueFrom, toArray } from 'rxjs';
import {
  Action,
  Config,
  Context,
  DotFlow,
  ExecutionMode,
  TaskStatus,
  Workflow,
  WorkflowStatus,
  action,
  type BackgroundRun,
  type DotflowEvent,
  type StartOptions,
  type StepContext,
  type Task,
  type WorkflowResult,
} from '@dotflow/core';
import { quietConfig } from './helpers';

@injectable()
class UsersApi {
  enrich(value: { users: number }, { signal }: { signal: AbortSignal }): { users: number; enriched: boolean } {
    return { users: value.users, enriched: !signal.aborted };
  }
}

@injectable()
class Etl extends Workflow {
  constructor(private readonly users: UsersApi, config: Config) { super(config); }

  @Action()
  extract() { return { users: 150 }; }

  @Action({ retry: 3, timeout: 5_000, retryDelay: 200, backoff: true })
  async transform({ previousContext, signal }: StepContext<{ users: number }>) {
    await Promise.resolve();
    return this.users.enrich(previousContext.storage, { signal });
  }

  @Action({ group: 'load' })
  load({ previousContext, initialContext }: StepContext) {
    return { previous: previousContext.storage, input: initialContext.storage };
  }
}

@injectable()
class EtlSteps {
  @Action()
  first() { return 1; }

  @Action()
  second({ previousContext }: StepContext<number>) { return previousContext.storage + 1; }
}

describe('the public API contract', () => {
  let child: DependencyContainer;
  beforeEach(() => {
    child = container.createChildContainer();
    child.register(Config, { useValue: quietConfig() });
  });

  it('a class workflow resolved by the container, its hot events$ and cold run$', async () => {
    const etl = child.resolve(Etl);
    const seen: string[] = [];
    // Every event has `type`, `name` and `status` (an `error` event's status is undefined).
    etl.events$.subscribe((e: DotflowEvent) => seen.push(`${e.type} ${e.name} ${String(e.status)}`));
    const result: WorkflowResult = await etl.start({ initialContext: { since: '2026-01-01' } });

    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(result.tasks.map((t: Task) => t.taskId)).toEqual(['extract', 'transform', 'load']);
    // two groups: the default mode runs them as parallel_group, so `load` starts its own chain
    expect(etl.resultStorage()[1]).toEqual({ users: 150, enriched: true });
    expect(etl.resultStorage()[2]).toEqual({ previous: null, input: { since: '2026-01-01' } });
    expect(seen[0]).toBe('workflow Etl In progress');
    expect(seen[seen.length - 1]).toBe('workflow Etl Completed');
    expect(seen).toContain('task transform Completed');

    const options: StartOptions = { mode: ExecutionMode.SequentialGroup };
    const events = await lastValueFrom(etl.run$(options).pipe(toArray()));
    expect(events.filter((e) => e.type === 'task' && e.status === TaskStatus.Completed)).toHaveLength(3);
    expect(events[events.length - 1]).toMatchObject({ type: 'workflow', status: WorkflowStatus.Completed });
  });

  it('the builder with functions, options, lists and an injectable step class', async () => {
    const fetchUsers = action(async () => ({ users: ['Alice', 'Bob'] }));
    const process = action(({ previousContext }: StepContext<{ users: string[] }>) => ({ processed: previousContext.storage }));
    const called: string[] = [];
    const workflow = new DotFlow({ config: quietConfig(), workflowId: 'contract', name: 'contract', container: child });
    workflow.task.add({ step: fetchUsers });
    workflow.task.add({ step: process, callback: (task) => { called.push(task.taskId); }, initialContext: 1, groupName: 'a' });
    const same = workflow.task.add({ step: [fetchUsers, process] });
    expect(same).toBe(workflow.task);
    workflow.task.add({ step: EtlSteps });
    expect(workflow.task.count()).toBe(6);

    const result = await workflow.start();
    expect(result.status).toBe(WorkflowStatus.Completed);
    const lines = workflow.resultTask().map((task) => `Task ${task.taskId}: ${task.status}`);
    expect(lines).toEqual([
      'Task step: Completed',
      'Task step#2: Completed',
      'Task step#3: Completed',
      'Task step#4: Completed',
      'Task first: Completed',
      'Task second: Completed',
    ]);
    expect(called).toEqual(['step#2']);
    // a task shows what `Task` promises, and nothing of the executor's own state
    expect(Object.keys(workflow.resultTask()[0] as Task).sort()).toEqual([
      'attempt', 'currentContext', 'duration', 'errors', 'finishedAt', 'group', 'initialContext', 'name',
      'previousContext', 'retryCount', 'startedAt', 'status', 'taskId', 'workflowId',
    ]);
    expect(workflow.resultContext()[5]).toBeInstanceOf(Context);
    expect(workflow.resultStorage()[5]).toBe(2);
    expect(JSON.parse(JSON.stringify(workflow.result()))).toEqual(workflow.result());

    workflow.task.reverse();
    expect(workflow.task.count()).toBe(6);
    workflow.task.clear();
    expect(workflow.task.count()).toBe(0);
  });

  it('a Workflow subclass needs no constructor of its own to be resolved', async () => {
    @injectable()
    class Minimal extends Workflow {
      @Action()
      only() { return 'done'; }
    }
    const minimal = child.resolve(Minimal);
    expect(minimal.name).toBe('Minimal');
    expect((await minimal.start()).status).toBe(WorkflowStatus.Completed);
    expect(minimal.resultStorage()).toEqual(['done']);
  });

  it('start({ mode: "background" }) is typed as a BackgroundRun', async () => {
    const workflow = new DotFlow({ config: quietConfig(), container: child });
    workflow.task.add({ step: EtlSteps });
    const run: BackgroundRun = await workflow.start({ mode: 'background' });
    const done: WorkflowResult = await run.done;
    expect(done.status).toBe(WorkflowStatus.Completed);
    expect(run.workflowId).toBe(workflow.workflowId);
  });
});
