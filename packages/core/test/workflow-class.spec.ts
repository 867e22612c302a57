import 'reflect-metadata';
import { container, injectable, type DependencyContainer } from 'tsyringe';
import {
  Action,
  Config,
  ConsoleLog,
  DuplicateTaskNameError,
  MemoryStorage,
  TaskStatus,
  Workflow,
  WorkflowStatus,
  type StepContext,
} from '@dotflow/core';
import { quietConfig } from './helpers';

@injectable()
class UsersApi {
  list(): string[] { return ['ada', 'grace']; }
}

@injectable()
class Etl extends Workflow {
  constructor(private readonly users: UsersApi, config: Config) { super({ config, workflowId: 'etl' }); }

  @Action()
  extract() { return { users: this.users.list() }; }

  @Action({ retry: 2, retryDelay: 0 })
  transform({ previousContext }: StepContext<{ users: string[] }>) { return previousContext.storage.users.map((u) => u.toUpperCase()); }

  @Action()
  load({ previousContext, initialContext }: StepContext<string[], { table: string }>) {
    return `${previousContext.storage.length} rows into ${initialContext.storage.table}`;
  }
}

describe('class workflows', () => {
  let child: DependencyContainer;
  beforeEach(() => {
    child = container.createChildContainer();
    child.register(Config, { useValue: quietConfig() });
  });

  it('runs @Action methods in declaration order with an injected service', async () => {
    child.register(UsersApi, { useValue: { list: () => ['x', 'y', 'z'] } });
    const etl = child.resolve(Etl);
    const result = await etl.start({ initialContext: { table: 'people' } });
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(result.tasks.map((t) => t.taskId)).toEqual(['extract', 'transform', 'load']);
    expect(etl.resultStorage()).toEqual([{ users: ['x', 'y', 'z'] }, ['X', 'Y', 'Z'], '3 rows into people']);
    expect(etl.workflowId).toBe('etl');
    expect(etl.name).toBe('Etl');
  });

  it('uses the Config the container injects', () => {
    const config = quietConfig({ storage: new MemoryStorage() });
    child.register(Config, { useValue: config });
    expect(child.resolve(Etl).config).toBe(config);
  });

  it('runs base class steps first; an override keeps its place', async () => {
    class Base extends Workflow {
      constructor() { super(quietConfig()); }
      @Action() a() { return 'base-a'; }
      @Action() b() { return 'base-b'; }
    }
    class Child extends Base {
      @Action() c() { return 'c'; }
      override a() { return 'child-a'; }
    }
    const flow = new Child();
    await flow.start();
    expect(flow.resultTask().map((t) => t.taskId)).toEqual(['a', 'b', 'c']);
    expect(flow.resultStorage()).toEqual(['child-a', 'base-b', 'c']);
  });

  it('takes a Config or options in super(); without one uses the root registration, else defaults', () => {
    class ByConfig extends Workflow {
      constructor(config: Config) { super(config); }
    }
    const config = quietConfig();
    expect(new ByConfig(config).config).toBe(config);
    class Named extends Workflow {
      constructor() { super({ workflowId: 'w1', name: 'named' }); }
    }
    const named = new Named();
    expect([named.workflowId, named.name]).toEqual(['w1', 'named']);
    expect(named.config).toBeInstanceOf(Config);
    expect(named.config.log).toBeInstanceOf(ConsoleLog);
    const rootConfig = quietConfig();
    container.register(Config, { useValue: rootConfig });
    try {
      expect(new Named().config).toBe(rootConfig);
    } finally {
      container.clearInstances();
      container.reset();
    }
  });

  it('reports two methods with one explicit name across a class hierarchy at start', async () => {
    class Base extends Workflow {
      constructor() { super(quietConfig()); }
      @Action({ name: 'load' }) a() {}
    }
    class Child extends Base {
      @Action({ name: 'load' }) b() {}
    }
    const flow = new Child();
    await expect(flow.start()).rejects.toThrow(DuplicateTaskNameError);
  });

  it('lists not-started tasks before any run', () => {
    const etl = child.resolve(Etl);
    expect(etl.resultTask().map((t) => [t.taskId, t.status])).toEqual([
      ['extract', TaskStatus.NotStarted], ['transform', TaskStatus.NotStarted], ['load', TaskStatus.NotStarted],
    ]);
  });
});
