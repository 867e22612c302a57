import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, watch } from 'node:fs';
import { join, resolve } from 'node:path';
import { statusSymbol, type JsonLogLine, type TaskStatus } from '@dotflow/core';
import { ExitCode, UsageError } from '../errors';
import type { CliIo } from '../io';
import { formatDuration } from '../render';

/** The flags of `dotflow logs`. */
export interface LogsFlags {
  /** The output folder whose `flow.log` is read. @defaultValue `.output` */
  readonly path?: string;
  /** Print JSON instead of a table. */
  readonly json?: boolean;
  /** After the history, print the events appended to it, until SIGINT (or `signal`). */
  readonly follow?: boolean;
}

/** One task of a run, from its events in the history. */
export interface TaskHistory {
  /** The task's id. */
  readonly taskId: string;
  /** The task's last status in the history. */
  status: TaskStatus;
  /** Its last attempt (0 when it never started). */
  attempt: number;
  /** Its duration in ms, once it reached a final status. */
  duration?: number;
  /** The error of its last Retry or Failed event: `Exception: message`. */
  error?: string;
}

/** One run, from the history. */
export interface RunHistory {
  /** The run's id. */
  readonly runId: string;
  /** The workflow's id. */
  readonly workflowId: string;
  /** The workflow's name. */
  name: string;
  /** The run's last workflow status (`In progress` for a run that never ended: still running, or killed). */
  status: string;
  /** The time of its first line (ISO 8601). */
  start: string;
  /** The run's duration in ms, once it ended. */
  duration?: number;
  /** Its tasks, in the order their first events came. */
  readonly tasks: TaskHistory[];
}

const FINAL_TASK = new Set(['Completed', 'Failed', 'Cancelled', 'Skipped']);

/**
 * Reads the run history: the JSON lines of a file log, grouped by run, in start order. Lines that are not JSON events are ignored.
 *
 * @example
 * ```ts
 * const runs = readHistory(readFileSync('.output/flow.log', 'utf8'));
 * process.stdout.write(runsText(runs));
 * ```
 */
export function readHistory(text: string): RunHistory[] {
  const runs = new Map<string, RunHistory>();
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let line: JsonLogLine;
    try {
      line = JSON.parse(raw) as JsonLogLine;
    } catch {
      continue; // a line cut by a crash
    }
    if ((line.type !== 'workflow' && line.type !== 'task') || line.runId === undefined || line.workflowId === undefined) continue;
    let run = runs.get(line.runId);
    if (run === undefined) {
      run = { runId: line.runId, workflowId: line.workflowId, name: line.workflowId, status: 'In progress', start: line.time, tasks: [] };
      runs.set(line.runId, run);
    }
    if (line.time < run.start) run.start = line.time;
    if (line.type === 'workflow') {
      if (line.name !== undefined) run.name = line.name;
      if (line.status !== undefined) run.status = line.status;
      if (line.duration !== undefined) run.duration = line.duration;
      continue;
    }
    if (line.taskId === undefined) continue;
    let task = run.tasks.find((t) => t.taskId === line.taskId);
    if (task === undefined) {
      task = { taskId: line.taskId, status: 'Not started', attempt: 0 };
      run.tasks.push(task);
    }
    task.status = line.status as TaskStatus;
    task.attempt = line.attempt ?? task.attempt;
    if (line.duration !== undefined) task.duration = line.duration;
    if (line.error !== undefined) task.error = `${line.error.exception}: ${line.error.message.split('\n')[0] ?? ''}`;
    else if (FINAL_TASK.has(task.status) && task.status !== 'Failed') delete task.error;
  }
  return [...runs.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.runId < b.runId ? -1 : 1));
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}\n`).join('');
}

/**
 * The runs as a table: runId, workflow, status, start, duration, tasks done and failed.
 *
 * @example
 * ```ts
 * process.stdout.write(runsText(readHistory(readFileSync('.output/flow.log', 'utf8'))));
 * ```
 */
export function runsText(runs: readonly RunHistory[]): string {
  const rows = runs.map((r) => [
    r.runId,
    r.name === r.workflowId ? r.workflowId : `${r.name} (${r.workflowId})`,
    r.status,
    r.start,
    formatDuration(r.duration),
    String(r.tasks.filter((t) => t.status === 'Completed' || t.status === 'Skipped').length),
    String(r.tasks.filter((t) => t.status === 'Failed').length),
  ]);
  return table([['RUN', 'WORKFLOW', 'STATUS', 'STARTED', 'DURATION', 'DONE', 'FAILED'], ...rows]);
}

/**
 * One run's tasks: status, attempts, duration and error.
 *
 * @example
 * ```ts
 * const last = readHistory(readFileSync('.output/flow.log', 'utf8')).at(-1);
 * if (last !== undefined) process.stdout.write(runText(last));
 * ```
 */
export function runText(run: RunHistory): string {
  const head = `${run.name} (workflow ${run.workflowId}) run ${run.runId}: ${run.status}, started ${run.start}${run.duration !== undefined ? `, ${formatDuration(run.duration)}` : ''}\n`;
  const lines = run.tasks.map((t) =>
    `${statusSymbol(t.status)} ${t.taskId}  ${t.status}  attempt ${t.attempt}${t.duration !== undefined ? `  ${formatDuration(t.duration)}` : ''}${t.error !== undefined ? `\n    ${t.error}` : ''}\n`);
  return head + lines.join('');
}

/**
 * One appended history line as `--follow` prints it: the JSON line with `--json`, else a text line; undefined for a line that is no event.
 *
 * @example
 * ```ts
 * for (const raw of appended.split('\n')) {
 *   const text = followLine(raw, false);
 *   if (text !== undefined) console.log(text);
 * }
 * ```
 */
export function followLine(raw: string, json: boolean): string | undefined {
  let line: JsonLogLine;
  try {
    line = JSON.parse(raw) as JsonLogLine;
  } catch {
    return undefined;
  }
  if (line.runId === undefined || line.workflowId === undefined) return undefined;
  if (json) return raw;
  const run = `${line.workflowId} ${line.runId}`;
  const duration = line.duration !== undefined ? ` in ${formatDuration(line.duration)}` : '';
  if (line.type === 'task' && line.taskId !== undefined && line.status !== undefined) {
    const error = line.error !== undefined ? ` — ${line.error.exception}: ${line.error.message.split('\n')[0] ?? ''}` : '';
    return `${run} ${statusSymbol(line.status as TaskStatus)} ${line.taskId} ${line.status}${line.attempt !== undefined && line.attempt > 0 ? ` (attempt ${line.attempt})` : ''}${duration}${error}`;
  }
  if (line.type === 'workflow') return `${run} ${line.name ?? ''} ${line.status ?? ''}${duration}`;
  if (line.type === 'schedule') return `${run} ⏰ ${line.name ?? ''} ${line.action ?? ''}`;
  return undefined;
}

/**
 * Prints the lines appended to `file` from `offset` on (only those of runs starting with
 * `runId`, when given) until `signal` aborts.
 *
 * @example
 * ```ts
 * const file = '.output/flow.log';
 * const stop = new AbortController();
 * process.once('SIGINT', () => stop.abort());
 * await followHistory(file, statSync(file).size, undefined, false, processIo(), stop.signal);
 * ```
 */
export function followHistory(file: string, offset: number, runId: string | undefined, json: boolean, io: CliIo, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let position = offset;
    let rest = '';
    const read = (): void => {
      const fd = openSync(file, 'r');
      try {
        const size = fstatSync(fd).size;
        if (size < position) position = 0; // the file was replaced
        const buffer = Buffer.alloc(size - position);
        const got = buffer.length > 0 ? readSync(fd, buffer, 0, buffer.length, position) : 0;
        position += got;
        const lines = (rest + buffer.subarray(0, got).toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        for (const raw of lines) {
          if (runId !== undefined && !raw.includes(`"runId":"${runId}`)) continue;
          const text = followLine(raw, json);
          if (text !== undefined) io.out(`${text}\n`);
        }
      } finally {
        closeSync(fd);
      }
    };
    const watcher = watch(file, () => read());
    const stop = (): void => {
      watcher.close();
      resolve();
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    read(); // what came between the first read and the watch
  });
}

/**
 * Runs `dotflow logs [runId]`: lists the runs of `<path>/flow.log`, or shows one run's tasks (a unique prefix of its id will do).
 *
 * @example
 * ```ts
 * process.exitCode = await logsCommand(undefined, { path: '.output' }, processIo());
 * ```
 */
export async function logsCommand(runId: string | undefined, flags: LogsFlags, io: CliIo, signal?: AbortSignal): Promise<ExitCode> {
  const file = join(resolve(io.cwd, flags.path ?? '.output'), 'flow.log');
  if (!existsSync(file)) throw new UsageError(`No run history at '${file}': run 'dotflow start' first, or give the folder with --path`);
  const text = readFileSync(file);
  const runs = readHistory(text.toString('utf8'));
  const follow = async (prefix: string | undefined): Promise<ExitCode> => {
    if (flags.follow !== true) return ExitCode.Ok;
    io.out(`Following '${file}' (Ctrl-C stops)\n`);
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    if (signal === undefined) process.once('SIGINT', onSigint);
    try {
      await followHistory(file, text.length, prefix, flags.json === true, io, signal ?? controller.signal);
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    return ExitCode.Ok;
  };
  if (runId === undefined) {
    io.out(flags.json === true ? `${JSON.stringify(runs, null, 2)}\n` : runs.length === 0 ? `No runs in '${file}'\n` : runsText(runs));
    return follow(undefined);
  }
  const found = runs.filter((r) => r.runId.startsWith(runId));
  if (found.length === 0 && flags.follow === true) {
    io.out(`No run '${runId}' in '${file}' yet\n`);
    return follow(runId);
  }
  if (found.length === 0) throw new UsageError(`No run '${runId}' in '${file}': 'dotflow logs' lists the runs`);
  if (found.length > 1) throw new UsageError(`'${runId}' names ${found.length} runs in '${file}': give more of the run id`);
  io.out(flags.json === true ? `${JSON.stringify(found[0], null, 2)}\n` : runText(found[0]!));
  return follow(found[0]!.runId);
}
