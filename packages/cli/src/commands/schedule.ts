import { container } from 'tsyringe';
import { Config, type Runnable } from '@dotflow/core';
import { CronScheduler, stopOnSignals, type Overlap } from '@dotflow/scheduler';
import { ExitCode, UsageError } from '../errors';
import type { CliIo } from '../io';
import { loadWorkflow } from '../load';
import { formatDuration, PlainView } from '../render';
import { cliConfig, parseStartFlags, type StartFlags } from './start';

/** The flags of `dotflow schedule`: those of `start`, and the schedule's. */
export interface ScheduleFlags extends StartFlags {
  readonly cron?: string;
  readonly overlap?: string;
  readonly maxParallel?: string;
  readonly timezone?: string;
  /** How long the runs going on get at SIGINT/SIGTERM before they are cancelled, in ms. */
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
  const view = new PlainView(io);
  const config = cliConfig(settings, (line) => view.note(line), scheduler);
  container.register(Config, { useValue: config });
  const workflow: Runnable = await loadWorkflow(specifier, io.cwd);
  const subscription = workflow.events$.subscribe((event) => {
    if (event.type === 'schedule') {
      io.out(`⏰ ${event.name} ${event.action} (due ${event.scheduledAt.toISOString()})${event.runId !== undefined ? ` run ${event.runId}` : ''}\n`);
    } else if (event.type === 'workflow' && event.duration !== undefined) {
      io.out(`${event.name} ${event.status} in ${formatDuration(event.duration)} run ${event.runId}\n`);
    } else {
      view.event(event);
    }
  });
  const handle = await workflow.schedule(settings.start);
  io.out(`Scheduled ${workflow.name} on '${flags.cron}' (overlap ${flags.overlap ?? 'skip'}); next run ${handle.nextRun()?.toISOString() ?? 'none'}. Ctrl-C stops.\n`);
  const code = await new Promise<number>((resolve) => {
    stopOnSignals(handle, { graceMs, exit: resolve, onError: (error) => view.note(`dotflow: stopping failed: ${String(error)}`) });
  });
  subscription.unsubscribe();
  io.out('Stopped.\n');
  await Promise.all([...new Set([workflow.config, config])].map((c) => c.flush({ timeoutMs: 5_000 })));
  return code === 143 ? ExitCode.Terminated : code === 130 ? ExitCode.Interrupted : ExitCode.Failed;
}
