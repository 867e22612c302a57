/**
 * A cron schedule: `CronScheduler` as `Config.scheduler`, then `flow.schedule()`.
 *   - `cron` takes five fields, or six with seconds first: here, every second.
 *   - `overlap: 'skip'` drops a trigger that falls due while a run is still going on; each skipped,
 *     queued or dropped trigger is a `schedule` event.
 *   - `handle.stop({ graceMs })`: no more triggers; the run going on finishes (or is cancelled once
 *     the grace is over).
 * The schedule runs on `Config.clock`: a test gives it a `VirtualClock` and advances it.
 *
 * Run: npm run build && node examples/dist/schedule.js
 */
import 'reflect-metadata';
import { Config, ConsoleLog, DotFlow, action, type Clock, type DotflowEvent } from '@dotflow/core';
import { CronScheduler } from '@dotflow/scheduler';

let synced = 0;
export const syncUsers = action(async function syncUsers() {
  await Promise.resolve(); // the real work: fetch and store, honouring its signal
  synced += 1;
  return synced;
});

/** What the example saw: the triggers, in order, and each run's status. */
export interface ScheduleOutcome {
  readonly triggers: string[];
  readonly runs: string[];
}

/** Schedules `sync-users` every second until it has run `runs` times, then stops gracefully. */
export async function main(log: (line: string) => void = console.log, runs = 3, clock?: Clock): Promise<ScheduleOutcome> {
  const flow = new DotFlow({
    workflowId: 'sync-users',
    config: new Config({
      scheduler: new CronScheduler({ cron: '* * * * * *', overlap: 'skip' }),
      log: new ConsoleLog({ level: 'warn' }),
      ...(clock !== undefined && { clock }),
    }),
  });
  flow.task.add({ step: syncUsers });

  const outcome: ScheduleOutcome = { triggers: [], runs: [] };
  let done!: () => void;
  const enough = new Promise<void>((resolve) => { done = resolve; });
  const subscription = flow.events$.subscribe((event: DotflowEvent) => {
    if (event.type === 'schedule') {
      outcome.triggers.push(event.action);
      log(`trigger ${event.action} due ${event.scheduledAt.toISOString()}`);
    } else if (event.type === 'workflow' && event.duration !== undefined) {
      outcome.runs.push(event.status);
      log(`run ${outcome.runs.length} ${event.status}`);
      if (outcome.runs.length >= runs) done();
    }
  });

  const handle = await flow.schedule();
  log(`next run at ${handle.nextRun()?.toISOString() ?? 'never'}`);
  await enough;
  await handle.stop({ graceMs: 5_000 });
  subscription.unsubscribe();
  return outcome;
}

if (require.main === module) void main();
