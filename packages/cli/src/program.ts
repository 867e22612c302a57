import { Command, CommanderError, Option } from 'commander';
import { DotflowError, WorkflowLockedError } from '@dotflow/core';
import { graphCommand, type GraphFlags } from './commands/graph';
import { initCommand } from './commands/init';
import { logsCommand, type LogsFlags } from './commands/logs';
import { scheduleCommand, type ScheduleFlags } from './commands/schedule';
import { startCommand, type StartFlags } from './commands/start';
import { ExitCode, UsageError } from './errors';
import type { CliIo } from './io';

/** The `dotflow` command's version (the package's). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir
const VERSION = (require('../package.json') as { version: string }).version;

/** The run options `start` and `schedule` share. */
function startOptions(): Option[] {
  return [
    new Option('-i, --initial-context <json>', 'the initial context of every task, as JSON'),
    new Option('-m, --mode <mode>', 'sequential, sequential_group, parallel, parallel_group or background'),
    new Option('--keep-going', 'after a failed task, run the rest of its chain anyway'),
    new Option('--concurrency <n>', 'at most n tasks (parallel) or groups (parallel_group) at once'),
    new Option('--resume', 'skip the tasks whose checkpoint exists'),
    new Option('--on-input-change <what>', 'with --resume, when the initial contexts changed: reuse, reset or raise'),
    new Option('--workflow-id <id>', 'run under this workflow id'),
    new Option('-s, --storage <kind>', 'where checkpoints go: memory or file').default('memory'),
    new Option('-p, --path <dir>', 'the output folder: file storage, and the run history <dir>/flow.log').default('.output'),
    new Option('--log-format <format>', 'the format of warnings and errors on stderr: text or json').default('text'),
  ];
}

/** The line a thrown error prints: its message, the first line only unless `verbose`. */
function errorText(error: unknown, verbose: boolean): string {
  if (verbose && error instanceof Error && error.stack !== undefined) {
    const cause = error.cause instanceof Error ? `Caused by: ${error.cause.stack ?? String(error.cause)}\n` : '';
    return `${error.stack}\n${cause}`;
  }
  const message = error instanceof WorkflowLockedError ? error.message.replace('pass start({ workflowId })', 'pass --workflow-id <id>') : error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? '';
  return error instanceof UsageError || DotflowError.is(error) ? `dotflow: ${line}\n` : `dotflow: internal error: ${line} (run with --verbose for the stack)\n`;
}

/**
 * Runs the `dotflow` command line `argv` (without `node` and the script) with `io`; resolves
 * with the exit status: 0 done, 1 the run failed or was cancelled, 2 a usage error (one line on
 * stderr), 130 interrupted by Ctrl-C.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok;
  const program = new Command('dotflow')
    .description('Run Dotflow workflows from a file, now or on a cron schedule; graph them; read their run history.')
    .version(VERSION, '-v, --version')
    .option('--verbose', 'print the stack of an error')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  const start = program
    .command('start')
    .description('run a workflow: a Workflow subclass, a DotFlow, or a factory returning one')
    .argument('<file>', 'a .js, .cjs, .mjs or .ts file, optionally #Export (default: the default export, else its only workflow)')
    .addOption(new Option('-o, --output <format>', 'text (the view) or json (the result as JSON on stdout)').default('text'));
  for (const option of startOptions()) start.addOption(option);
  start.action(async (file: string, flags: StartFlags) => {
    code = await startCommand(file, flags, io);
  });

  program
    .command('graph')
    .description('print the plan of a workflow (tasks in order, groups, options) without running it')
    .argument('<file>', 'as for start: <file>[#Export]')
    .option('-f, --format <format>', 'text, json or mermaid (a flowchart)', 'text')
    .option('-o, --output <format>', 'json: the same as --format json')
    .action(async (file: string, flags: GraphFlags) => {
      code = await graphCommand(file, flags, io);
    });

  program
    .command('logs')
    .description('list the runs of the run history (<path>/flow.log), or show one run\'s tasks')
    .argument('[runId]', 'the run to show (a unique prefix will do)')
    .option('-p, --path <dir>', 'the output folder holding flow.log', '.output')
    .option('--json', 'print JSON (with --follow: the appended JSON lines as they are)')
    .option('-f, --follow', 'then print the events appended to the history, until Ctrl-C')
    .action(async (runId: string | undefined, flags: LogsFlags) => {
      code = await logsCommand(runId, flags, io);
    });

  program
    .command('init')
    .description('scaffold a project (package.json, tsconfig, a workflow with an injected service, a test); never overwrites')
    .argument('[dir]', 'the folder (created if missing)', '.')
    .action((dir: string) => {
      code = initCommand(dir, io);
    });

  const schedule = program
    .command('schedule')
    .description('run a workflow on a cron schedule until SIGINT/SIGTERM (graceful stop)')
    .argument('<file>', 'as for start: <file>[#Export]')
    .option('--cron <expr>', "when: a cron expression, 5 fields or 6 with seconds first (e.g. '*/5 * * * *')")
    .option('--overlap <what>', 'a trigger due while a run goes on: skip, queue (at most one waits) or parallel', 'skip')
    .option('--max-parallel <n>', 'with --overlap parallel: at most n runs at once', '10')
    .option('--timezone <zone>', 'the IANA time zone the expression is read in (default: the local one)')
    .option('--grace <ms>', 'at SIGINT/SIGTERM, how long the runs going on get before they are cancelled', '30000');
  for (const option of startOptions()) schedule.addOption(option);
  schedule.action(async (file: string, flags: ScheduleFlags) => {
    code = await scheduleCommand(file, flags, io);
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version end with status 0; commander has printed its one-line error
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true;
    io.err(errorText(error, verbose));
    return error instanceof UsageError || DotflowError.is(error) ? ExitCode.Usage : ExitCode.Failed;
  }
}
