import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Context } from '../context/context';
import type { StepContext } from '../context/step-context';
import { UncloneableValueError } from '../errors/uncloneable-value.error';
import { WorkerStepError } from '../errors/worker-step.error';
import type { IsolatedStepRef } from '../metadata/isolated-steps';
import { rebuildError, type ContextData, type WorkerReply, type WorkerRequest } from './worker-protocol';

/**
 * The worker's entry, next to this file: `.js` in `dist`, `.ts` under ts-node (a worker inherits
 * its parent's `execArgv`, so `-r ts-node/register` applies there too).
 */
const ENTRY = join(__dirname, `step-worker${extname(__filename)}`);

/** The `invoke` of a task whose step has `isolate: 'worker'`: each call runs one attempt in a worker. */
export function workerInvoke(ref: IsolatedStepRef, taskName: string): (context: StepContext) => Promise<unknown> {
  return (context) => runInWorker(ref, taskName, context);
}

/**
 * Runs one attempt of an isolated step in a new worker thread and settles with its result. When
 * the attempt's signal aborts (timeout or cancel) the worker is terminated at once and the
 * promise rejects with the signal's reason; otherwise it settles once the worker has exited, so
 * no worker outlives its attempt.
 *
 * @throws UncloneableValueError (as a rejection) when a context or the result cannot be cloned.
 */
export function runInWorker(ref: IsolatedStepRef, taskName: string, context: StepContext): Promise<unknown> {
  const signal = context.signal;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  const request: WorkerRequest = {
    file: ref.file,
    key: ref.key,
    previous: contextData(context.previousContext),
    initial: contextData(context.initialContext),
    task: { ...context.task },
  };
  let worker: Worker;
  try {
    worker = new Worker(ENTRY, { workerData: request });
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what new Worker threw, as it is
    return Promise.reject(isDataCloneError(error) ? uncloneableInput(taskName, context, error) : error);
  }
  return new Promise<unknown>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void, wait: boolean): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      const exited = worker.terminate();
      if (wait) void exited.then(outcome, outcome);
      else outcome();
    };
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the signal's own reason, as for any step
    const onAbort = (): void => settle(() => reject(signal.reason), false);
    signal.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: WorkerReply) => settle(() => {
      if (reply.kind === 'result') resolve(reply.value);
      else reject(replyError(reply, ref, taskName));
    }, true));
    worker.once('error', (error) => settle(() => reject(error), true));
    worker.once('exit', (code) => settle(() => reject(new WorkerStepError(
      taskName, `its worker exited (code ${code}) before the step returned`, 'a step in a worker must not call process.exit()',
    )), false));
  });
}

function contextData(context: Context): ContextData {
  return { storage: context.storage, taskId: context.taskId, workflowId: context.workflowId, time: context.time };
}

function replyError(reply: Exclude<WorkerReply, { kind: 'result' }>, ref: IsolatedStepRef, taskName: string): Error {
  switch (reply.kind) {
    case 'error':
      return rebuildError(reply.error);
    case 'uncloneable':
      return new UncloneableValueError(taskName, 'the result', reply.detail.replace(/\.$/, ''));
    case 'missing':
      return new WorkerStepError(
        taskName,
        `the worker loaded ${ref.file} but found no isolated step "${ref.key}" in it`,
        'define the step at the top level of its module, the same way in every thread (not inside a function or behind a condition)',
      );
    case 'esm':
      return new WorkerStepError(
        taskName,
        `the worker cannot load the ES module ${ref.file} (${reply.detail})`,
        'define isolated steps in a CommonJS module, or in an ES module without top-level await',
      );
  }
}

function isDataCloneError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'DataCloneError';
}

/** Which input could not be cloned (only computed on this error path). */
function uncloneableInput(taskName: string, context: StepContext, error: unknown): UncloneableValueError {
  const detail = (error as Error).message.replace(/\.$/, '');
  const what = clones(context.previousContext.storage) ? 'the initial context' : 'the previous context';
  return new UncloneableValueError(taskName, what, detail);
}

function clones(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
