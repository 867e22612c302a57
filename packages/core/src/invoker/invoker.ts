import type { StepContext } from '../context/step-context';
import type { InvokableStep } from '../plan/task-definition';

/**
 * Where one attempt of a step runs (`Config.invoker`). The executor keeps modes, retry, timeout,
 * checkpoints and events; an invoker only runs the attempt and hands back its result (a value or
 * a promise of one). It must honour `context.signal`: when it aborts (timeout or cancel), stop the
 * work and reject with `context.signal.reason`, or leave the promise pending (the executor has
 * stopped waiting). A throw or rejection is the attempt's failure.
 *
 * @example
 * ```ts
 * // Times every attempt, then runs it where the default would.
 * class TimingInvoker implements Invoker {
 *   private readonly next = new LocalInvoker();
 *   public async invoke(step: InvokableStep, context: StepContext): Promise<unknown> {
 *     const t0 = performance.now();
 *     try { return await this.next.invoke(step, context); } finally { console.log(step.taskId, performance.now() - t0); }
 *   }
 * }
 * new Config({ invoker: new TimingInvoker() });
 * ```
 */
export interface Invoker {
  /** Runs one attempt of `step` with `context`; its result, or a promise of it. */
  invoke(step: InvokableStep, context: StepContext): unknown;
}
