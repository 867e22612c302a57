/**
 * Checkpoints and resume. Each completed task's result is stored (its *checkpoint*) before the
 * next task starts. `FileStorage` keeps them as `<path>/<workflowId>/<taskId>.json`, so they
 * outlive the process. A run without `resume` starts afresh and replaces the workflow's old
 * checkpoints; `start({ resume: true })` does not run a task whose checkpoint exists: it emits
 * `Skipped` and its stored result feeds the next task. Task ids are names, so a new process (here:
 * a new `DotFlow` with the same `workflowId`) resumes just as well.
 *
 * A resuming run also stores a fingerprint of the initial contexts. When a later resume gets
 * different ones, `onInputChange` decides: `'reuse'` (default) keeps the checkpoints, `'reset'`
 * deletes them and runs everything again, `'raise'` rejects `start()` with `InputChangedError`.
 *
 * Run: npm run build && node examples/dist/checkpoint-resume.js
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Config, DotFlow, FileStorage, InputChangedError, action, type StepContext, type WorkflowResult } from '@dotflow/core';

interface Day { readonly day: string }

/** A warehouse that is down until told otherwise; counts the calls of each step. */
export class Warehouse {
  public online = false;
  public readonly calls: Record<string, number> = {};
  public called(step: string): void {
    this.calls[step] = (this.calls[step] ?? 0) + 1;
  }
}

/** extract → transform → load, for one day. Resume needs named steps: the names are the task ids. */
function nightlyImport(config: Config, warehouse: Warehouse): DotFlow {
  const workflow = new DotFlow({ config, workflowId: 'nightly-import', name: 'nightly-import' });
  workflow.task.add({
    step: [
      action(function extract({ initialContext }: StepContext<null, Day>) {
        warehouse.called('extract');
        return { day: initialContext.storage.day, rows: [3, 1, 2] };
      }),
      action(function transform({ previousContext }: StepContext<{ day: string; rows: number[] }>) {
        warehouse.called('transform');
        if (!warehouse.online) throw new Error('warehouse unreachable');
        return { ...previousContext.storage, rows: [...previousContext.storage.rows].sort((a, b) => a - b) };
      }),
      action(function load({ previousContext }: StepContext<{ day: string; rows: number[] }>) {
        warehouse.called('load');
        return `${previousContext.storage.rows.length} rows loaded for ${previousContext.storage.day}`;
      }),
    ],
  });
  return workflow;
}

export interface ResumeOutcome {
  /** The temporary checkpoint folder (removed at the end). */
  readonly folder: string;
  /** The files in the workflow's folder after the failed first run. */
  readonly filesAfterFailure: string[];
  readonly failed: WorkflowResult;
  readonly resumed: WorkflowResult;
  /** `taskId:status` of each task event of the resumed run. */
  readonly resumedEvents: string[];
  /** What `onInputChange: 'raise'` rejected with. */
  readonly raised: unknown;
  readonly reused: WorkflowResult;
  readonly reset: WorkflowResult;
  /** How many times each step ran in all. */
  readonly calls: Record<string, number>;
}

export async function main(log: (line: string) => void = console.log): Promise<ResumeOutcome> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dotflow-checkpoints-'));
  try {
    const config = new Config({ storage: new FileStorage({ path: folder }) });
    const warehouse = new Warehouse();
    const day1: Day = { day: '2026-01-01' };
    const day2: Day = { day: '2026-01-02' };
    const statuses = (r: WorkflowResult): string => r.tasks.map((t) => `${t.taskId} ${t.status}`).join(', ');

    // 1. transform fails: extract's checkpoint is on disk, the run is Failed.
    const failed = await nightlyImport(config, warehouse).start({ initialContext: day1 });
    const filesAfterFailure = fs.readdirSync(path.join(folder, 'nightly-import')).sort();
    log(`1. first run: ${failed.status} (${statuses(failed)}); files: ${filesAfterFailure.join(', ')}`);

    // 2. The warehouse is back. Resume (as a new process would): extract is Skipped and its stored
    //    result feeds transform. This resuming run also stores the fingerprint of day1.
    warehouse.online = true;
    const resuming = nightlyImport(config, warehouse);
    const resumedEvents: string[] = [];
    resuming.events$.subscribe((e) => {
      if (e.type === 'task') resumedEvents.push(`${e.taskId}:${e.status}`); // extract emits only Skipped
    });
    const resumed = await resuming.start({ resume: true, initialContext: day1 });
    log(`2. resume: ${resumed.status} (${statuses(resumed)}) -> ${JSON.stringify(resumed.tasks[2]?.currentContext.storage)}`);
    log(`   events: ${resumedEvents.join(', ')}`);

    // 3. Another day's input: 'raise' refuses to mix it with day1's checkpoints.
    let raised: unknown;
    try {
      await nightlyImport(config, warehouse).start({ resume: true, initialContext: day2, onInputChange: 'raise' });
    } catch (error) {
      raised = error;
      log(`3. raise: ${error instanceof InputChangedError ? `${error.name}: ${error.message}` : String(error)}`);
    }

    // 4. 'reuse' (the default) keeps the checkpoints: nothing runs, day1's results stay.
    const reused = await nightlyImport(config, warehouse).start({ resume: true, initialContext: day2, onInputChange: 'reuse' });
    log(`4. reuse: ${reused.status} (${statuses(reused)}) -> ${JSON.stringify(reused.tasks[2]?.currentContext.storage)}`);

    // 5. 'reset' deletes the workflow's checkpoints and runs every task with the new input.
    const reset = await nightlyImport(config, warehouse).start({ resume: true, initialContext: day2, onInputChange: 'reset' });
    log(`5. reset: ${reset.status} (${statuses(reset)}) -> ${JSON.stringify(reset.tasks[2]?.currentContext.storage)}`);

    log(`calls: ${JSON.stringify(warehouse.calls)}`);
    return { folder, filesAfterFailure, failed, resumed, resumedEvents, raised, reused, reset, calls: { ...warehouse.calls } };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
