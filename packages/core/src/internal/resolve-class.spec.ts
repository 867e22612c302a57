import 'reflect-metadata';
import { container, inject, injectable } from 'tsyringe';
import { Action, DotFlow, UnresolvableClassError, Workflow, resolveWorkflow, type Runnable } from '@dotflow/core';
import { compileSources, type CompiledProject } from '../../test/compile-source';

// Legacy decorators without emitted metadata: what esbuild and tsx emit with
// "experimentalDecorators": true in the tsconfig (they never emit "design:paramtypes").
const SOURCE = `import 'reflect-metadata';
import { inject, injectable } from 'tsyringe';
import { Action, Workflow } from '@dotflow/core';

@injectable()
export class Api { value() { return 40; } }

@injectable()
export class Injected extends Workflow {
  constructor(@inject(Api) private readonly api: Api) { super(); }
  @Action() read() { return this.api.value() + 2; }
}

@injectable()
export class InjectedSteps {
  constructor(@inject(Api) private readonly api: Api) {}
  @Action() read() { return this.api.value() + 1; }
}

@injectable()
export class Untyped extends Workflow {
  constructor(private readonly api: Api) { super(); }
  @Action() read() { return this.api.value(); }
}

@injectable()
export class UntypedSteps {
  constructor(private readonly api: Api) {}
  @Action() read() { return this.api.value(); }
}

@injectable()
export class HalfInjected extends Workflow {
  constructor(private readonly first: Api, @inject(Api) private readonly second: Api) { super(); }
  @Action() read() { return this.first.value() + this.second.value(); }
}
`;

const NO_TYPES = (role: string, name: string): string =>
  `Cannot resolve ${role} ${name}: its constructor takes parameters, and tsyringe knows no types for them (the class is not @injectable(), ` +
  'or was compiled without emitted "design:paramtypes" metadata). Mark it @injectable(), then either set ' +
  '"emitDecoratorMetadata": true (with "experimentalDecorators": true) in tsconfig.json compilerOptions, using a compiler that emits it ' +
  '(tsc, ts-node, or swc with decoratorMetadata; esbuild and tsx do not), or put @inject(Token) on each constructor parameter (no emitted metadata needed).';

describe('resolving workflow and step classes without emitted metadata', () => {
  let mod: Record<string, unknown>;
  let project: CompiledProject;
  beforeAll(() => {
    project = compileSources({ pipeline: SOURCE }, { experimentalDecorators: true, emitDecoratorMetadata: false });
    mod = project.load('pipeline');
  }, 60_000);
  afterAll(() => project.remove());
  const cls = <T>(name: string): new () => T => mod[name] as new () => T;

  it('injects constructor parameters marked @inject(Token), in a workflow and in a step class', async () => {
    const workflow = await resolveWorkflow(container.createChildContainer(), cls<Runnable>('Injected')).start();
    expect(workflow.tasks.map((t) => [t.taskId, t.status, t.currentContext.storage])).toEqual([['read', 'Completed', 42]]);
    const flow = new DotFlow({ container: container.createChildContainer() });
    flow.task.add({ step: cls<object>('InjectedSteps') });
    const steps = await flow.start();
    expect(steps.tasks.map((t) => [t.taskId, t.status, t.currentContext.storage])).toEqual([['read', 'Completed', 41]]);
  });

  it('refuses a workflow or step class whose constructor types are unknown, naming the class and both fixes', () => {
    const scope = container.createChildContainer();
    expect(() => resolveWorkflow(scope, cls<Runnable>('Untyped'))).toThrow(UnresolvableClassError);
    expect(() => resolveWorkflow(scope, cls<Runnable>('Untyped'))).toThrow(NO_TYPES('workflow', 'Untyped'));
    const flow = new DotFlow({ container: scope });
    expect(() => flow.task.add({ step: cls<object>('UntypedSteps') })).toThrow(NO_TYPES('step class', 'UntypedSteps'));
    expect(flow.task.count()).toBe(0);
  });

  it('refuses a parameter without @inject when others have one (tsyringe would pass undefined)', () => {
    expect(() => resolveWorkflow(container.createChildContainer(), cls<Runnable>('HalfInjected'))).toThrow(
      'Cannot resolve workflow HalfInjected: constructor parameter #0 has no @inject(Token), and no type was emitted for it. ' +
        'Put @inject(Token) on each constructor parameter, or set "emitDecoratorMetadata": true (with "experimentalDecorators": true) ' +
        'in tsconfig.json compilerOptions, using a compiler that emits it (tsc, ts-node, or swc with decoratorMetadata; esbuild and tsx do not).',
    );
  });
});

describe('resolveWorkflow', () => {
  class Api {
    value(): number { return 7; }
  }
  class NotInjectable extends Workflow {
    constructor(private readonly api: Api) { super(); }
    @Action() read(): number { return this.api.value(); }
  }
  @injectable()
  class Tokened extends Workflow {
    constructor(@inject('answer') private readonly answer: number) { super(); }
    @Action() read(): number { return this.answer; }
  }

  it('refuses a class that is not @injectable(), even with emitted metadata, keeping tsyringe\'s error as the cause', () => {
    let thrown: unknown;
    try {
      resolveWorkflow(container.createChildContainer(), NotInjectable);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnresolvableClassError);
    expect(thrown).toMatchObject({ className: 'NotInjectable', role: 'workflow', reason: { kind: 'no-type-info', standardDecorators: false } });
    expect((thrown as Error).message).toBe(NO_TYPES('workflow', 'NotInjectable'));
    expect(((thrown as Error).cause as Error).message).toBe('TypeInfo not known for "NotInjectable"');
  });

  it('resolves as container.resolve does, and leaves other resolution errors as they are', async () => {
    const scope = container.createChildContainer();
    scope.register('answer', { useValue: 42 });
    const result = await resolveWorkflow(scope, Tokened).start();
    expect(result.tasks.map((t) => t.currentContext.storage)).toEqual([42]);
    expect(() => resolveWorkflow(container.createChildContainer(), Tokened)).toThrow(/^Cannot inject the dependency "answer" at position #0 of "Tokened" constructor/);
    expect(() => resolveWorkflow(container.createChildContainer(), Tokened)).not.toThrow(UnresolvableClassError);
  });
});
