import { container } from 'tsyringe';
import { Config, type Runnable, type ScheduleHandle } from '@dotflow/core';
import { CronScheduler, stopOnSignals, type Overlap } from '@dotflow/scheduler';
import { ExitCode, UsageError } from '../errors';
import type { CliIo } from '../io';
import { loadWorkflow } from '../load';
import { LiveScheduleView, PlainScheduleView, type ScheduleView } from '../render';
import { cliConfig, parseStartFlags, type StartFlags } from './start';

/** The flags of `dotflow schedule`: those of `start`, and the schedule's. */
export interface ScheduleFlags extends StartFlags {
  /** `--cron <expr>`: when, as a cron expression (5 fields, or 6 with seconds first); required. */
  readonly cron?: string;
  /** `--overlap <what>`: a trigger due while a run goes on, `skip`, `queue` or `parallel`. @defaultValue 'skip' */
  readonly overlap?: string;
  /** `--max-parallel <n>`: with `--overlap parallel`, at most n runs at once. @defaultValue '10' */
  readonly maxParallel?: string;
  /** `--timezone <zone>`: the IANA time zone the expression is read in. @defaultValue the local one */
  readonly timezone?: string;
  /** How long the runs going on get at SIGINT/SIGTERM before they are cancelled, in ms. @defaultValue '30000' */
  readonly grace?: string;
}

const OVERLAPS: readonly Overlap[] = ['skip', 'queue', 'parallel'];

function nonNegativeInteger(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`Invalid ${flag} '${value}': expected an integer >= ${min}`);
  return n;
}

/**
 * Runs `dotflow schedule <file>[#Export] --cron <expr>`: triggers runs on the cron expression
 * (a `CronScheduler`), printing each trigger, each task event and each run's summary; SIGINT or
 * SIGTERM stops it gracefully (no new triggers, the runs going on get `--grace` ms, then are
 * cancelled) and resolves with 130 / 143.
 *
 * @example
 * ```ts
 * process.exitCode = await scheduleCommand('src/workflow.ts', { cron: '0 * * * *', overlap: 'queue' }, processIo());
 * ```
 */
export async function scheduleCommand(specifier: string, flags: ScheduleFlags, io: CliIo): Promise<ExitCode> {
  if (flags.cron === undefined) throw new UsageError("Missing --cron: give a cron expression, e.g. --cron '*/5 * * * *'");
  if (flags.overlap !== undefined && !(OVERLAPS as readonly string[]).includes(flags.overlap)) {
    throw new UsageError(`Invalid --overlap '${flags.overlap}': expected one of ${OVERLAPS.join(', ')}`);
  }
  const settings = parseStartFlags(flags, io.cwd);
  if (settings.output === 'json') throw new UsageError('--output json is for dotflow start: a schedule prints its runs as they come');
  const maxParallel = nonNegativeInteger('--max-parallel', flags.maxParallel, 1);
  const graceMs = nonNegativeInteger('--grace', flags.grace, 0) ?? 30_000;
  const scheduler = new CronScheduler({
    cron: flags.cron,
    ...(flags.overlap !== undefined && { overlap: flags.overlap as Overlap }),
    ...(maxParallel !== undefined && { maxParallel }),
    ...(flags.timezone !== undefined && { timezone: flags.timezone }),
  });
  const notes: { view?: ScheduleView; readonly pending: string[] } = { pending: [] }; // log lines before the view exists
  const note = (line: string): void => { if (notes.view) notes.view.note(line); else notes.pending.push(line); };
  const config = cliConfig(settings, note, scheduler);
  container.register(Config, { useValue: config });
  const workflow: Runnable = await loadWorkflow(specifier, io.cwd);
  const plan = workflow.describe();
  const retries = new Map(plan.tasks.map((t) => [t.taskId, t.options.retry]));
  let handle: ScheduleHandle | undefined;
  const current: ScheduleView = io.live
    ? new LiveScheduleView(io, plan.tasks.map((t) => t.taskId), retries, () => handle?.nextRun() ?? undefined)
    : new PlainScheduleView(io, retries);
  notes.view = current;
  for (const line of notes.pending.splice(0)) current.note(line);
  const subscription = workflow.events$.subscribe((event) => current.event(event));
  try {
    handle = await workflow.schedule(settings.start);
  } catch (error) {
    subscription.unsubscribe();
    current.end();
    throw error;
  }
  const scheduled = `Scheduled ${workflow.name} on '${flags.cron}' (overlap ${flags.overlap ?? 'skip'}); next run ${handle.nextRun()?.toISOString() ?? 'none'}. Ctrl-C stops.\n`;
  current.line(scheduled);
  const stoppable = handle;
  const code = await new Promise<number>((resolve) => {
    stopOnSignals(stoppable, { graceMs, exit: resolve, onError: (error) => current.note(`dotflow: stopping failed: ${String(error)}`) });
  });
  subscription.unsubscribe();
  current.end();
  io.out('Stopped.\n');
  await Promise.all([...new Set([workflow.config, config])].map((c) => c.flush({ timeoutMs: 5_000 })));
  return code === 143 ? ExitCode.Terminated : code === 130 ? ExitCode.Interrupted : ExitCode.Failed;
}
