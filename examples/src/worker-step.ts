/**
 * CPU-bound steps: with `isolate: 'worker'` each attempt of a step runs in a worker thread, so a
 * long computation does not block the event loop, and a `timeout` (or a cancel) terminates the
 * worker, busy as it is. Without it, a synchronous loop could not be interrupted.
 *
 * The worker loads this module again to find its step: the module only defines things at load
 * time, and `main()` runs only when the file is the entry point (see the last line).
 *
 * Run: npm run build && node examples/dist/worker-step.js
 */
import 'reflect-metadata';
import { threadId } from 'node:worker_threads';
import { Config, ConsoleLog, DotFlow, action, type StepContext, type Task } from '@dotflow/core';

function countPrimes(below: number): number {
  let count = 0;
  for (let n = 2; n < below; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

// Pure computation in a worker: its input and result cross by structured clone.
export const primes = action({ isolate: 'worker' }, function primes({ initialContext }: StepContext<unknown, { below: number }>) {
  const { below } = initialContext.storage;
  return { below, count: countPrimes(below), inWorker: threadId !== 0 };
});

// Ten seconds of busy work that never yields: the 200 ms timeout terminates its worker.
export const spin = action({ isolate: 'worker', timeout: 200 }, function spin() {
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    // computing
  }
  return 'never reached';
});

export interface WorkerStepOutcome {
  readonly tasks: readonly Task[];
  readonly elapsedMs: number;
}

export async function main(log: (line: string) => void = console.log): Promise<WorkerStepOutcome> {
  const workflow = new DotFlow({ name: 'worker-example', config: new Config({ log: new ConsoleLog({ level: 'silent' }) }) });
  workflow.task.add({ step: primes, initialContext: { below: 100_000 } });
  workflow.task.add({ step: spin });

  const started = performance.now();
  await workflow.start();
  const elapsedMs = performance.now() - started;

  const [first, second] = workflow.resultTask() as [Task, Task];
  const counted = first.currentContext.storage as { below: number; count: number; inWorker: boolean };
  log(`Task ${first.taskId}: ${first.status} -> ${counted.count} primes below ${counted.below} (in a worker: ${counted.inWorker})`);
  log(`Task ${second.taskId}: ${second.status}: ${second.errors[0]?.exception}: ${second.errors[0]?.message}`);
  return { tasks: workflow.resultTask(), elapsedMs };
}

if (require.main === module) void main();
