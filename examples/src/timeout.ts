/**
 * Timeout: `timeout` limits each attempt, in ms. On expiry the executor stops waiting, aborts
 * the attempt's `signal`, and the attempt fails with `TaskTimeoutError` (retried like any failure
 * when `retry` > 1). A step that passes `signal` on (to timers, fetch, database drivers…) stops
 * its work too, so no timer outlives the run and the process exits at once.
 *
 * Run: npm run build && node examples/dist/timeout.js
 */
import 'reflect-metadata';
import { DotFlow, action, type StepContext, type Task } from '@dotflow/core';

/**
 * Waits `ms`, unless `signal` aborts first: then it clears its timer and rejects with the
 * signal's reason. (`setTimeout` of `node:timers/promises` with `{ signal }`, and `fetch(url,
 * { signal })`, honour a signal the same way.)
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// Work that would take 10 s, but stops when its signal aborts.
export const slowReport = action({ timeout: 50 }, async function slowReport({ signal }: StepContext) {
  await sleep(10_000, signal);
  return 'never reached';
});

export interface TimeoutOutcome {
  readonly task: Task;
  /** Wall time of the run, in ms. */
  readonly elapsedMs: number;
}

export async function main(log: (line: string) => void = console.log): Promise<TimeoutOutcome> {
  const workflow = new DotFlow({ name: 'timeout-example' });
  workflow.task.add({ step: slowReport });

  const started = performance.now();
  await workflow.start();
  const elapsedMs = performance.now() - started;

  const [task] = workflow.resultTask() as [Task];
  const error = task.errors[0];
  log(`Task ${task.taskId}: ${task.status} after ${Math.round(elapsedMs)} ms`);
  if (error) log(`  ${error.exception}: ${error.message}`);
  return { task, elapsedMs };
}

if (require.main === module) void main();
