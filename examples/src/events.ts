/**
 * Events: every status change is a `DotflowEvent`, discriminated by `type`.
 *   - `events$` is hot: it sees every run of the workflow while subscribed, and never completes.
 *   - `run$(options)` is cold: each subscription starts one run; it completes after the run's
 *     final event, and unsubscribing cancels the run.
 * Order: the workflow's `In progress`; per task `In progress`, `Retry` between attempts, then one
 * final status; the workflow's final status last.
 *
 * Run: npm run build && node examples/dist/events.js
 */
import 'reflect-metadata';
import { lastValueFrom, tap } from 'rxjs';
import { DotFlow, action, type DotflowEvent, type StepContext } from '@dotflow/core';

export const fetchUsers = action(async function fetchUsers() {
  await Promise.resolve();
  return ['Alice', 'Bob'];
});

// Fails its first attempt, so the stream shows a Retry event.
export const saveUsers = action({ retry: 2, retryDelay: 10 }, function saveUsers({ task }: StepContext<string[]>) {
  if (task.attempt === 1) throw new Error('database busy');
  return 'saved';
});

/** One line per event: its type, name and status. */
export function describe(event: DotflowEvent): string {
  switch (event.type) {
    case 'workflow':
      return `workflow ${event.name}: ${event.status}`;
    case 'task':
      return `task ${event.name}: ${event.status} (attempt ${event.attempt})`;
    case 'error': // a task callback, onSuccess or onFailure threw; the run went on
      return `error in ${event.source}: ${event.error.message}`;
    case 'schedule': // a scheduler's trigger: run, skipped, queued or dropped
      return `schedule ${event.name}: ${event.action}`;
  }
}

export interface EventsOutcome {
  /** What the `events$` subscriber saw: both runs. */
  readonly hot: string[];
  /** What the `run$()` subscriber saw: its own run only. */
  readonly cold: string[];
}

export async function main(log: (line: string) => void = console.log): Promise<EventsOutcome> {
  const workflow = new DotFlow({ name: 'events-example' });
  workflow.task.add({ step: [fetchUsers, saveUsers] });

  // Hot: subscribe before starting; sees every run from now on.
  const hot: string[] = [];
  const subscription = workflow.events$.subscribe((event) => {
    hot.push(describe(event));
    log(`[events$] ${describe(event)}`);
  });

  await workflow.start(); // run 1

  // Cold: nothing runs until subscribed; lastValueFrom subscribes and waits for completion.
  const cold: string[] = [];
  await lastValueFrom(
    workflow.run$().pipe( // run 2
      tap((event) => {
        cold.push(describe(event));
        log(`[run$]    ${describe(event)}`);
      }),
    ),
  );

  subscription.unsubscribe();
  return { hot, cold };
}

if (require.main === module) void main();
