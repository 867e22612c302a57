// A class workflow whose service comes by constructor injection, typed by the metadata the
// compiler emits ("emitDecoratorMetadata"): tsc, ts-node, swc with decoratorMetadata.
import { container, injectable } from 'tsyringe';
import { Action, Config, ConsoleLog, Workflow, type StepContext } from '@dotflow/core';

@injectable()
export class UsersApi {
  list(): Promise<string[]> { return Promise.resolve(['the real service']); }
}

@injectable()
export class Pipeline extends Workflow {
  constructor(private readonly users: UsersApi, config: Config) { super({ config, name: 'pipeline' }); }

  @Action({ retry: 2, retryDelay: 0 })
  extract() { return this.users.list(); }

  @Action()
  transform({ previousContext }: StepContext<string[]>) { return previousContext.storage.map((n) => n.toUpperCase()); }

  @Action()
  load({ previousContext }: StepContext<string[]>) { return previousContext.storage.join(','); }
}

/** Runs Pipeline from a child container with a stub UsersApi that fails its first call. */
export async function runPipeline(): Promise<string[]> {
  let calls = 0;
  const child = container.createChildContainer();
  child.register(Config, { useValue: new Config({ log: new ConsoleLog({ level: 'silent' }) }) });
  child.register(UsersApi, {
    useValue: { list: () => (++calls === 1 ? Promise.reject(new Error('503')) : Promise.resolve(['ada', 'grace'])) },
  });
  const result = await child.resolve(Pipeline).start();
  return [
    `workflow ${result.status}`,
    ...result.tasks.map((t) => `${t.taskId} ${t.status} attempts=${t.attempt} ${JSON.stringify(t.currentContext.storage)}`),
  ];
}
