/**
 * Injecting steps via DI: `task.add({ step: SomeClass })` resolves the class from the builder's
 * container (constructor services included) and adds its `@Action` methods as tasks, in order.
 * Step classes and `action()` functions mix freely.
 *
 * Run: npm run build && node examples/dist/injected-step-class.js
 */
import 'reflect-metadata';
import { container, injectable } from 'tsyringe';
import { Action, DotFlow, action, type StepContext } from '@dotflow/core';

/** A service the steps use. */
@injectable()
export class Greeter {
  public greet(name: string): string {
    return `Hello, ${name}!`;
  }
}

/** A step class: not a Workflow, just a class with @Action methods and injected services. */
@injectable()
export class GreetingSteps {
  public constructor(private readonly greeter: Greeter) {}

  @Action()
  public names(): string[] {
    return ['Alice', 'Bob'];
  }

  @Action({ retry: 2, retryDelay: 10 })
  public greet({ previousContext }: StepContext<string[]>): string[] {
    return previousContext.storage.map((name) => this.greeter.greet(name));
  }
}

// A plain action() function after the class's tasks.
export const shout = action(function shout({ previousContext }: StepContext<string[]>) {
  return previousContext.storage.map((line) => line.toUpperCase());
});

export async function main(log: (line: string) => void = console.log): Promise<DotFlow> {
  // The builder resolves step classes from this container (tsyringe's root container by default).
  const scope = container.createChildContainer();
  const workflow = new DotFlow({ name: 'greetings', container: scope });

  workflow.task.add({ step: [GreetingSteps, shout] });
  await workflow.start();

  for (const task of workflow.resultTask()) {
    log(`Task ${task.taskId}: ${task.status} -> ${JSON.stringify(task.currentContext.storage)}`);
  }
  return workflow;
}

if (require.main === module) void main();
