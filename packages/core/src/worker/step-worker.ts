// The entry of a step's worker thread (isolate: 'worker'): loads the module that defines the step,
// finds the step in this thread's registry, runs it once and posts the reply. The main thread
// terminates the worker when the attempt ends, however it ends.
import '../internal/reflect';
import { parentPort, workerData } from 'node:worker_threads';
import { container } from 'tsyringe';
import { Context } from '../context/context';
import type { StepContext } from '../context/step-context';
import { resolveClass } from '../internal/resolve-class';
import { findIsolatedStep, type IsolatedStep } from '../metadata/isolated-steps';
import { serializeError, type ContextData, type WorkerReply, type WorkerRequest } from './worker-protocol';

const ESM_CODES = new Set(['ERR_REQUIRE_ASYNC_MODULE', 'ERR_REQUIRE_ESM']);

async function run(request: WorkerRequest): Promise<WorkerReply> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the step's module by its file (an ES module too, on Node ≥ 20.19)
    require(request.file);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && ESM_CODES.has(code)) return { kind: 'esm', detail: (error as Error).message.split('\n')[0] ?? '' };
    return { kind: 'error', error: serializeError(error) };
  }
  const step = findIsolatedStep(request.file, request.key);
  if (step === undefined) return { kind: 'missing' };
  const context: StepContext = {
    previousContext: toContext(request.previous),
    initialContext: toContext(request.initial),
    // A timeout or a cancel terminates this thread: the signal has nothing left to abort.
    signal: new AbortController().signal,
    task: request.task,
  };
  try {
    return { kind: 'result', value: await call(step, context) };
  } catch (error) {
    return { kind: 'error', error: serializeError(error) };
  }
}

/** A method runs on a fresh instance resolved from this thread's root container. */
function call(step: IsolatedStep, context: StepContext): unknown {
  if (step.kind === 'function') return step.fn(context);
  const instance = resolveClass(container, step.ctor as unknown as new () => object, 'step class') as Record<string | symbol, unknown>;
  return (instance[step.property] as (context: StepContext) => unknown).call(instance, context);
}

function toContext(data: ContextData): Context {
  return new Context({ storage: data.storage, taskId: data.taskId, workflowId: data.workflowId, time: data.time });
}

function post(reply: WorkerReply): void {
  const port = parentPort;
  if (port === null) return;
  try {
    port.postMessage(reply);
  } catch (error) {
    // Only a result can fail to clone: the other replies hold strings.
    port.postMessage({ kind: 'uncloneable', detail: serializeError(error).message } satisfies WorkerReply);
  }
}

void run(workerData as WorkerRequest).then(post);
