import type { StepContext } from '../context/step-context';
import type { Invoker } from '../invoker/invoker';
import type { InvokableStep } from '../plan/task-definition';
import { WorkerInvoker } from './worker.invoker';

/**
 * The default invoker: runs a step in the calling thread, synchronously for a synchronous step
 * (no promise, timer or thread unless needed), except a step declared with `isolate: 'worker'`,
 * whose attempts it hands to a {@link WorkerInvoker}.
 *
 * @example
 * ```ts
 * new Config({ invoker: new LocalInvoker() }); // the default
 * ```
 */
export class LocalInvoker implements Invoker {
  #workers: WorkerInvoker | undefined;

  public invoke(step: InvokableStep, context: StepContext): unknown {
    if (step.isolated === undefined) return step.run(context);
    return (this.#workers ??= new WorkerInvoker()).invoke(step, context);
  }
}
