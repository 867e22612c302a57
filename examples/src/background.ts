/**
 * Background mode: `start({ mode: 'background' })` validates the options, then resolves at once
 * with a `BackgroundRun` `{ workflowId, done, cancel() }` while the tasks run (in the default
 * mode's order). `await run.done` gives the `WorkflowResult`; `done` never rejects (a failed step
 * is a `Failed` status). `run.cancel()` cancels the run (see cancellation.ts); after the run ended
 * it changes nothing.
 *
 * Run: npm run build && node examples/dist/background.js
 */
import 'reflect-metadata';
import { setTimeout as delay } from 'node:timers/promises';
import { DotFlow, action, type BackgroundRun, type StepContext, type WorkflowResult } from '@dotflow/core';

/** Builds a step that takes 50 ms and notes that it ran. */
function work(name: string, ran: string[]) {
  return action({ name }, async function work({ signal }: StepContext) {
    await delay(50, undefined, { signal });
    ran.push(name);
    return `${name} done`;
  });
}

export interface BackgroundOutcome {
  readonly run: BackgroundRun;
  /** The steps that had finished when `start()` resolved. */
  readonly ranWhenStarted: string[];
  /** Task events seen while the caller was doing other things. */
  readonly progress: string[];
  readonly result: WorkflowResult;
  /** The run's status read again after a late `cancel()`. */
  readonly statusAfterLateCancel: string;
}

export async function main(log: (line: string) => void = console.log): Promise<BackgroundOutcome> {
  const ran: string[] = [];
  const workflow = new DotFlow({ name: 'background-example', workflowId: 'nightly-report' });
  workflow.task.add({ step: [work('extract', ran), work('transform', ran), work('load', ran)] });

  // Follow the progress while the run goes on.
  const progress: string[] = [];
  const subscription = workflow.events$.subscribe((event) => {
    if (event.type === 'task' && event.status !== 'In progress') progress.push(`${event.taskId}: ${event.status}`);
  });

  const run = await workflow.start({ mode: 'background' }); // typed Promise<BackgroundRun>
  const ranWhenStarted = [...ran];
  log(`started ${run.workflowId} in the background; finished so far: ${ranWhenStarted.length} tasks`);

  // … the caller is free to do other work here …

  const result = await run.done; // never rejects
  log(`done: ${result.status} in ${Math.round(result.duration)} ms (${progress.join(', ')})`);

  run.cancel(); // too late: the run has ended, its status stays
  const statusAfterLateCancel = workflow.result().status;
  log(`after a late cancel(): ${statusAfterLateCancel}`);

  subscription.unsubscribe();
  return { run, ranWhenStarted, progress, result, statusAfterLateCancel };
}

if (require.main === module) void main();
