import { container } from 'tsyringe';
import { WORKFLOW_BRAND } from '../metadata/metadata-keys';
import { brandStandardMetadata } from '../metadata/standard-metadata';
import { planInstance } from '../plan/class-plan';
import type { TaskDefinition } from '../plan/task-definition';
import { TaskIdAllocator } from '../plan/task-id-allocator';
import { Config } from '../providers/config';
import { defaultConfig } from './default-config';
import { BUILD_PLAN, RunnableWorkflow } from './runnable';

/** What `super()` takes in a `Workflow` subclass (or just a `Config`). */
export interface WorkflowOptions {
  /** The providers. @defaultValue the root container's `Config` registration, else `new Config()` */
  readonly config?: Config;
  /** Any non-empty string; checkpoints are keyed by it. @defaultValue a random UUID */
  readonly workflowId?: string;
  /** A display name. @defaultValue the class name */
  readonly name?: string;
}

/**
 * Base class of class-defined workflows: the subclass's `@Action` methods are the tasks, in
 * declaration order (base classes' first). Resolve it through tsyringe so constructor-injected
 * services work; mark the subclass `@injectable()`.
 *
 * @throws InvalidWorkflowIdError for an empty `workflowId`.
 * @example
 * ```ts
 * @injectable()
 * class Etl extends Workflow {
 *   constructor(private readonly users: UsersApi) { super(); }
 *   @Action() extract() { return this.users.list(); }
 *   @Action({ retry: 3 }) load({ previousContext }: StepContext<User[]>) { … }
 * }
 * const result = await container.resolve(Etl).start();
 * ```
 */
export abstract class Workflow extends RunnableWorkflow {
  #plan: readonly TaskDefinition[] | undefined;

  // Public (the class is abstract), so a subclass without a constructor of its own can be
  // `@injectable()` and resolved.
  public constructor(options?: Config | WorkflowOptions) {
    const o: WorkflowOptions = options instanceof Config ? { config: options } : (options ?? {});
    super({ config: o.config ?? defaultConfig(container), workflowId: o.workflowId, name: o.name ?? new.target.name });
  }

  protected override [BUILD_PLAN](): readonly TaskDefinition[] {
    this.#plan ??= planInstance(this, new TaskIdAllocator(`workflow ${this.constructor.name}`));
    return this.#plan;
  }
}

Object.defineProperty(Workflow.prototype, WORKFLOW_BRAND, { value: true });
// The same brand for standard decorators, which see a class only through `context.metadata`.
brandStandardMetadata(Workflow, WORKFLOW_BRAND);
