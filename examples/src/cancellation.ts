/**
 * Cancellation. A run is cancelled by any of:
 *   - aborting the `AbortSignal` given to `start({ signal })` (`AbortSignal.timeout(ms)` makes a
 *     deadline for a whole run);
 *   - calling `cancel()` on the `BackgroundRun` of `start({ mode: 'background' })`;
 *   - unsubscribing from `run$()`.
 * The running steps' `signal` aborts (its reason is a `TaskCancelledError`), so a step that
 * passes it on stops at once; the running task and every task not yet started end `Cancelled`
 * (one `Cancelled` event each), and the workflow ends `Cancelled`. `onFailure` is called.
 *
 * Run: npm run build && node examples/dist/cancellation.js
 */
import 'reflect-metadata';
import { setTimeout as delay } from 'node:timers/promises';
import { filter, firstValueFrom } from 'rxjs';
import { DotFlow, action, type DotflowEvent, type StepContext, type WorkflowStatus } from '@dotflow/core';

/** prepare (fast) → waitForApproval (10 s unless its signal aborts) → publish. */
function pipeline(signals: AbortSignal[]): DotFlow {
  const workflow = new DotFlow({ name: 'cancellation-example' });
  workflow.task.add({
    step: [
      action(function prepare() {
        return 'draft';
      }),
      action(async function waitForApproval({ previousContext, signal }: StepContext<string>) {
        signals.push(signal);
        await delay(10_000, undefined, { signal }); // rejects as soon as the signal aborts
        return `${previousContext.storage} approved`;
      }),
      action(function publish({ previousContext }: StepContext<string>) {
        return `${previousContext.storage} and published`;
      }),
    ],
  });
  return workflow;
}

/** Resolves once `taskId` of `workflow` is in progress. */
function whenRunning(workflow: DotFlow, taskId: string): Promise<DotflowEvent> {
  return firstValueFrom(
    workflow.events$.pipe(filter((e) => e.type === 'task' && e.taskId === taskId && e.status === 'In progress')),
  );
}

/** Resolves with the workflow's final event. */
function whenEnded(workflow: DotFlow): Promise<DotflowEvent> {
  return firstValueFrom(workflow.events$.pipe(filter((e) => e.type === 'workflow' && e.status !== 'In progress')));
}

export interface CancelledRun {
  readonly trigger: string;
  readonly status: WorkflowStatus;
  /** `taskId: status` of each task. */
  readonly tasks: string[];
  /** `taskId:status` of each task event, in order. */
  readonly events: string[];
  /** The reason the running step's signal aborted with. */
  readonly stepSignal: string;
  readonly elapsedMs: number;
}

/** Runs `cancel` on a fresh pipeline and reports what happened. */
async function cancelled(trigger: string, cancel: (workflow: DotFlow) => Promise<unknown>): Promise<CancelledRun> {
  const signals: AbortSignal[] = [];
  const workflow = pipeline(signals);
  const events: string[] = [];
  const subscription = workflow.events$.subscribe((e) => {
    if (e.type === 'task') events.push(`${e.taskId}:${e.status}`);
  });
  const started = performance.now();
  await cancel(workflow);
  const elapsedMs = performance.now() - started;
  subscription.unsubscribe();
  const reason: unknown = signals[0]?.reason;
  return {
    trigger,
    status: workflow.result().status,
    tasks: workflow.resultTask().map((t) => `${t.taskId}: ${t.status}`),
    events,
    stepSignal: signals[0]?.aborted && reason instanceof Error ? `aborted (${reason.name})` : 'not aborted',
    elapsedMs,
  };
}

export async function main(log: (line: string) => void = console.log): Promise<CancelledRun[]> {
  const runs = [
    // 1. An AbortSignal: abort it once the slow step is under way (a Stop button, a shutdown…).
    await cancelled('AbortController.abort()', async (workflow) => {
      const controller = new AbortController();
      void whenRunning(workflow, 'waitForApproval').then(() => controller.abort());
      await workflow.start({ signal: controller.signal });
    }),

    // 2. A background run's handle.
    await cancelled('BackgroundRun.cancel()', async (workflow) => {
      const run = await workflow.start({ mode: 'background' });
      await whenRunning(workflow, 'waitForApproval');
      run.cancel();
      await run.done; // resolves (never rejects) with the Cancelled result
    }),

    // 3. Unsubscribing from run$(): the run's only subscriber leaves, so the run stops.
    await cancelled('run$() unsubscribe', async (workflow) => {
      const ended = whenEnded(workflow); // run$ sends no more events once unsubscribed
      const subscription = workflow.run$().subscribe();
      await whenRunning(workflow, 'waitForApproval');
      subscription.unsubscribe();
      await ended;
    }),
  ];

  for (const run of runs) {
    log(`${run.trigger}: workflow ${run.status} after ${Math.round(run.elapsedMs)} ms; step signal ${run.stepSignal}`);
    log(`  ${run.tasks.join(', ')}`);
  }
  return runs;
}

if (require.main === module) void main();
