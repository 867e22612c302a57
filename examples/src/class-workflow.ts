/**
 * A class-defined workflow: a subclass of `Workflow` whose `@Action` methods are the tasks, in
 * declaration order. Mark it `@injectable()` and resolve it through a tsyringe container, so its
 * constructor gets its services by dependency injection.
 *
 * Run: npm run build && node examples/dist/class-workflow.js
 */
import 'reflect-metadata';
import { container, injectable } from 'tsyringe';
import { Action, Workflow, type StepContext, type WorkflowResult } from '@dotflow/core';

/** A service the workflow depends on; in a real project it would call an API. */
@injectable()
export class UsersApi {
  public async list(): Promise<string[]> {
    await Promise.resolve();
    return ['alice', 'bob'];
  }

  public enrich(name: string): { name: string; email: string } {
    return { name: name[0]?.toUpperCase() + name.slice(1), email: `${name}@example.com` };
  }
}

type User = { name: string; email: string };

@injectable()
export class UsersEtl extends Workflow {
  // The service comes from the container; `super()` may also take { config, workflowId, name }.
  public constructor(private readonly users: UsersApi) {
    super({ name: 'users-etl' });
  }

  @Action()
  public async extract(): Promise<string[]> {
    return this.users.list();
  }

  @Action({ retry: 3, retryDelay: 50, timeout: 1_000 })
  public transform({ previousContext }: StepContext<string[]>): User[] {
    return previousContext.storage.map((name) => this.users.enrich(name));
  }

  @Action({ name: 'save' })
  public load({ previousContext }: StepContext<User[]>): number {
    return previousContext.storage.length; // rows written
  }
}

export async function main(log: (line: string) => void = console.log): Promise<WorkflowResult> {
  // A child container keeps registrations made for this run (stubs, a Config…) out of the root.
  const scope = container.createChildContainer();
  const etl = scope.resolve(UsersEtl);

  const result = await etl.start();

  log(`Workflow ${result.name}: ${result.status}`);
  for (const task of result.tasks) {
    log(`Task ${task.taskId}: ${task.status} -> ${JSON.stringify(task.currentContext.storage)}`);
  }
  return result;
}

if (require.main === module) void main();
