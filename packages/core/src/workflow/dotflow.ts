import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { hostname } from 'node:os';
import type { TaskDefinition } from '../plan/task-definition';
import type { Config } from '../providers/config';
import { defaultConfig } from './default-config';
import { BUILD_PLAN, RunnableWorkflow } from './runnable';
import { TaskBuilder } from './task-builder';

/** Options of `new DotFlow()`. */
export interface DotFlowOptions {
  /** The providers. @defaultValue the container's `Config` registration, else `new Config()` */
  readonly config?: Config;
  /** Any non-empty string; checkpoints are keyed by it. @defaultValue `process.env.WORKFLOW_ID`, else a random UUID */
  readonly workflowId?: string;
  /** A display name. @defaultValue the host name */
  readonly name?: string;
  /** Resolves step classes (and the default config). @defaultValue tsyringe's root container */
  readonly container?: DependencyContainer;
}

/**
 * A workflow built step by step, as in Dotflow: `task.add()` functions made with `action()` or
 * classes with `@Action` methods (resolved from the container), then `start()`.
 *
 * @throws InvalidWorkflowIdError for a `workflowId` that is not a non-empty string.
 * @example
 * ```ts
 * const flow = new DotFlow();
 * flow.task.add({ step: fetchUsers }).add({ step: process });
 * await flow.start();
 * for (const task of flow.resultTask()) console.log(`Task ${task.taskId}: ${task.status}`);
 * ```
 */
export class DotFlow extends RunnableWorkflow {
  /** The task list. */
  public readonly task: TaskBuilder;

  public constructor(options: DotFlowOptions = {}) {
    const container = options.container ?? rootContainer;
    const envId = process.env['WORKFLOW_ID'];
    super({
      config: options.config ?? defaultConfig(container),
      workflowId: options.workflowId ?? (envId === undefined || envId === '' ? undefined : envId),
      name: options.name ?? safeHostname(),
    });
    this.task = new TaskBuilder(container, `workflow "${this.workflowId}"`);
  }

  protected override [BUILD_PLAN](): readonly TaskDefinition[] {
    return this.task.definitions();
  }
}

function safeHostname(): string {
  try {
    return hostname() || 'local';
  } catch {
    return 'local';
  }
}
