import type { StepContext } from '../context/step-context';
import { WorkerStepError } from '../errors/worker-step.error';
import type { Invoker } from '../invoker/invoker';
import type { InvokableStep } from '../plan/task-definition';
import { runInWorker } from './run-in-worker';

/**
 * Runs each attempt in a `worker_threads` Worker of its own, which a timeout or a cancel
 * terminates. Only steps declared with `isolate: 'worker'` can run this way (the worker loads the
 * step's module and finds it by its key); {@link LocalInvoker}, the default, hands those steps to
 * this invoker and runs the others in the calling thread.
 *
 * @throws WorkerStepError (as a rejection) for a step without `isolate: 'worker'`.
 * @example
 * ```ts
 * new Config({ invoker: new WorkerInvoker() }); // every step must be declared isolate: 'worker'
 * ```
 */
export class WorkerInvoker implements Invoker {
  public invoke(step: InvokableStep, context: StepContext): Promise<unknown> {
    const ref = step.isolated;
    if (ref === undefined) {
      return Promise.reject(new WorkerStepError(step.name, 'WorkerInvoker runs only steps declared with isolate: \'worker\', and this one was not', 'add isolate: \'worker\' to its action options, or use LocalInvoker (the default), which runs the others in the calling thread'));
    }
    return runInWorker(ref, step.name, context);
  }
}
