import 'reflect-metadata';
import { container } from 'tsyringe';
import { DotFlow, InvalidActionOptionsError, UnresolvableClassError, resolveWorkflow, type Runnable, type WorkflowResult } from '@dotflow/core';
import { compileSources, type CompiledProject } from '../../test/compile-source';

// Real compiles with standard (TC39) decorators, as TypeScript 5+ without experimentalDecorators
// (and esbuild or tsx) emit them, then real runs of what they emitted.
const IMPORTS = `import 'reflect-metadata';
import { container, injectable } from 'tsyringe';
import { Action, Workflow, type StepContext } from '@dotflow/core';
`;

const SOURCES = {
  workflow: `${IMPORTS}
@injectable()
export class Pipeline extends Workflow {
  @Action() extract() { return 2; }
  @Action({ retry: 2, retryDelay: 0 })
  double({ previousContext }: StepContext<number>) { return previousContext.storage * 2; }
}
export class Audited extends Pipeline {
  @Action({ name: 'audit' }) check({ previousContext }: StepContext<number>) { return previousContext.storage + 1; }
}
export class Steps {
  private readonly prefix = 'step';
  @Action() first() { return \`\${this.prefix}-1\`; }
  @Action({ name: 'second' }) async later({ previousContext }: StepContext<string>) { return \`\${previousContext.storage}+2\`; }
}
export class Api { value() { return 40; } }
@injectable()
export class NeedsApi extends Workflow {
  constructor(private readonly api: Api) { super(); }
  @Action() read() { return this.api.value() + 2; }
}
export { container };
`,
  'static-method': `${IMPORTS}
export class S { @Action() static go() { return 1; } }
`,
  'private-method': `${IMPORTS}
export class P { @Action() #go() { return 1; } run() { return this.#go(); } }
`,
  field: `${IMPORTS}
export class F {
  // @ts-expect-error -- a field is no method: the decorator's type says so too
  @Action() handler = () => 1;
}
`,
  reserved: `${IMPORTS}
export class W extends Workflow {
  // @ts-expect-error -- overriding a reserved member is the misuse under test
  @Action() result() { return 1; }
}
export class NotAWorkflow { @Action() result() { return 1; } }
`,
  duplicate: `${IMPORTS}
export class Twice { @Action({ name: 'load' }) a() { return 1; } @Action({ name: 'load' }) b() { return 2; } }
`,
  isolated: `${IMPORTS}
export class Heavy { @Action({ isolate: 'worker' }) crunch() { return 1; } }
`,
};

const summary = (r: WorkflowResult): unknown[] => r.tasks.map((t) => [t.taskId, t.status, t.attempt, t.currentContext.storage]);

describe('@Action with standard decorators (experimentalDecorators: false)', () => {
  let project: CompiledProject;
  beforeAll(() => {
    project = compileSources(SOURCES, { experimentalDecorators: false });
  }, 60_000);
  afterAll(() => project.remove());

  it('runs a class workflow through start(), a subclass after its parent, and a step class in a builder', async () => {
    const mod = project.load('workflow');
    const Pipeline = mod['Pipeline'] as new () => Runnable;
    const Audited = mod['Audited'] as new () => Runnable;
    const workflow = resolveWorkflow(container.createChildContainer(), Pipeline);
    expect(workflow.describe().tasks.map((t) => [t.taskId, t.options.retry, t.options.retryDelay])).toEqual([['extract', 1, 1000], ['double', 2, 0]]);
    const pipeline = await workflow.start();
    expect(pipeline.status).toBe('Completed');
    expect(summary(pipeline)).toEqual([['extract', 'Completed', 1, 2], ['double', 'Completed', 1, 4]]);
    const audited = await resolveWorkflow(container.createChildContainer(), Audited).start();
    expect(summary(audited)).toEqual([['extract', 'Completed', 1, 2], ['double', 'Completed', 1, 4], ['audit', 'Completed', 1, 5]]);

    const flow = new DotFlow({ container: container.createChildContainer() });
    flow.task.add({ step: mod['Steps'] as new () => object });
    const steps = await flow.start();
    expect(summary(steps)).toEqual([['first', 'Completed', 1, 'step-1'], ['second', 'Completed', 1, 'step-1+2']]);
  });

  it('refuses constructor injection by type, which needs legacy decorators, naming the tsconfig line; a factory works', async () => {
    const mod = project.load('workflow');
    const NeedsApi = mod['NeedsApi'] as new (api: object) => Runnable;
    const Api = mod['Api'] as new () => object;
    const scope = container.createChildContainer();
    expect(() => resolveWorkflow(scope, NeedsApi)).toThrow(UnresolvableClassError);
    expect(() => resolveWorkflow(scope, NeedsApi)).toThrow(
      'Cannot resolve workflow NeedsApi: its constructor takes parameters, but the class was compiled with standard decorators, ' +
        'which cannot decorate parameters and emit no types: constructor injection needs legacy decorators. ' +
        'Set "experimentalDecorators": true in tsconfig.json compilerOptions and mark the class @injectable(), then either set ' +
        '"emitDecoratorMetadata": true (tsc, ts-node, or swc with decoratorMetadata) or put @inject(Token) on each constructor parameter (esbuild, tsx). ' +
        'Or keep standard decorators and register a factory: container.register(NeedsApi, { useFactory: (c) => new NeedsApi(c.resolve(Token)) }).',
    );
    scope.register(NeedsApi, { useFactory: (c) => new NeedsApi(c.resolve(Api)) });
    const result = await resolveWorkflow(scope, NeedsApi).start();
    expect(summary(result)).toEqual([['read', 'Completed', 1, 42]]);
  });

  it('refuses two methods with one explicit name', () => {
    expect(() => project.load('duplicate')).toThrow(
      'Two different steps of the class of a() and b() are named "load": task names identify checkpoints, so they must be unique. ' +
        'Give one of them another name ({ name: "load-2" }).',
    );
  });

  it.each([
    ['static-method', '@Action() on go: "target" must be an instance method (remove "static"), got "static method"'],
    ['private-method', '@Action() on #go: "target" must be a public or protected method (drop the "#": a #private method cannot be called from outside its class), got "private method"'],
    ['field', '@Action() on handler: "target" must be a method (write handler() { … } rather than a field holding a function), got "field"'],
    ['reserved', `@Action() on result: "method name" is reserved by Workflow; rename the method (e.g. 'resultStep'), got "result"`],
    [
      'isolated',
      '@Action() on crunch: "isolate" on a method needs legacy decorators: set "experimentalDecorators": true in tsconfig.json compilerOptions ' +
        "(a standard method decorator is not told its class, which a worker must rebuild), or isolate a function: action({ isolate: 'worker' }, fn), got \"worker\"",
    ],
  ])('refuses %s when the class is defined, naming the member', (name, message) => {
    let thrown: unknown;
    try {
      project.load(name);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidActionOptionsError);
    expect((thrown as Error).message).toBe(message);
  });
});
