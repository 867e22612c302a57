import { Context } from '../context/context';
import type { TaskDefinition } from '../plan/task-definition';
import { TaskStatus } from '../status/task-status';
import type { Task, TaskError } from '../task/task';

/** The executor's mutable view of a {@link Task}; users see it through the read-only interface. */
export class TaskRecord implements Task {
  public readonly taskId: string;
  public readonly name: string;
  public readonly group: string;
  public status: TaskStatus = TaskStatus.NotStarted;
  public attempt = 0;
  public retryCount = 0;
  public readonly errors: TaskError[] = [];
  public readonly initialContext: Context;
  public previousContext: Context;
  public currentContext: Context;
  public startedAt: Date | null = null;
  public finishedAt: Date | null = null;
  public duration: number | null = null;
  // The executor's own state is kept in private fields behind accessors, so it stays out of
  // `JSON.stringify(result)` and `console.log(task)`, which show what `Task` promises.
  readonly #definition: TaskDefinition;
  #startMs = 0;

  public constructor(
    definition: TaskDefinition,
    public readonly workflowId: string,
    defaultInitial: unknown,
    empty: Context,
  ) {
    this.#definition = definition;
    this.taskId = definition.taskId;
    this.name = definition.name;
    this.group = definition.group;
    const initial = definition.initialContext ? definition.initialContext.value : defaultInitial;
    this.initialContext = new Context({ storage: initial, taskId: definition.taskId, workflowId, time: empty.time });
    this.previousContext = empty;
    this.currentContext = empty;
  }

  /** What the task runs. */
  public get definition(): TaskDefinition {
    return this.#definition;
  }

  /** Clock reading at start, for the duration. */
  public get startMs(): number {
    return this.#startMs;
  }

  public set startMs(ms: number) {
    this.#startMs = ms;
  }
}
