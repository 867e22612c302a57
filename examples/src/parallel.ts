/**
 * Parallel mode: `start({ mode: 'parallel' })` starts every task at once, each with an empty
 * previous context (there is no chain), so a run takes about as long as its slowest step rather
 * than the sum of them all. `concurrency` bounds how many tasks run at a time. A failed task stops
 * nothing in this mode: the other tasks run anyway.
 *
 * Run: npm run build && node examples/dist/parallel.js
 */
import 'reflect-metadata';
import { setTimeout as delay } from 'node:timers/promises';
import {
  DotFlow,
  action,
  type ExecutionMode,
  type ForegroundStartOptions,
  type StepContext,
  type WorkflowStatus,
} from '@dotflow/core';

/** How long each fetch takes, in ms. */
export const STEP_MS = 220;

/** Counts the steps running at the same moment. */
class Gauge {
  public running = 0;
  public peak = 0;
}

/** An independent fetch: waits `STEP_MS` (honouring its signal) and returns its region. */
function fetchRegion(region: string, gauge: Gauge) {
  return action({ name: `fetch-${region}` }, async function fetchRegion({ previousContext, signal }: StepContext<null>) {
    gauge.peak = Math.max(gauge.peak, ++gauge.running);
    try {
      await delay(STEP_MS, undefined, { signal }); // stands for an HTTP call given `signal`
    } finally {
      gauge.running--;
    }
    return { region, previous: previousContext.storage };
  });
}

export interface RunSummary {
  readonly mode: ExecutionMode;
  readonly concurrency: number | undefined;
  readonly status: WorkflowStatus;
  /** The run's wall time (`result.duration`), in ms. */
  readonly wallMs: number;
  /** The sum of the tasks' own durations, in ms: what one-after-another costs. */
  readonly sumOfStepsMs: number;
  /** The most steps that ran at once. */
  readonly peak: number;
  /** Each task's `previousContext.storage`. */
  readonly previous: unknown[];
}

export async function main(log: (line: string) => void = console.log): Promise<RunSummary[]> {
  const regions = ['eu', 'us', 'asia', 'africa', 'oceania'];
  // ForegroundStartOptions: any mode but 'background', so start() resolves with the result.
  const runs: ForegroundStartOptions[] = [
    { mode: 'sequential' }, // for comparison: one after another
    { mode: 'parallel' }, // all five at once
    { mode: 'parallel', concurrency: 2 }, // at most two at a time: three waves
  ];

  const summaries: RunSummary[] = [];
  for (const options of runs) {
    const gauge = new Gauge();
    const workflow = new DotFlow({ name: 'parallel-example' });
    for (const region of regions) workflow.task.add({ step: fetchRegion(region, gauge) });

    const result = await workflow.start(options);

    const { mode = 'sequential', concurrency } = options;
    const summary: RunSummary = {
      mode,
      concurrency,
      status: result.status,
      wallMs: result.duration,
      sumOfStepsMs: result.tasks.reduce((sum, task) => sum + (task.duration ?? 0), 0),
      peak: gauge.peak,
      previous: result.tasks.map((task) => task.previousContext.storage),
    };
    summaries.push(summary);
    const label = concurrency === undefined ? mode : `${mode}, concurrency ${concurrency}`;
    log(
      `${label}: ${summary.status} in ${Math.round(summary.wallMs)} ms ` +
        `(steps took ${Math.round(summary.sumOfStepsMs)} ms in all; at most ${summary.peak} at once)`,
    );
  }
  return summaries;
}

if (require.main === module) void main();
