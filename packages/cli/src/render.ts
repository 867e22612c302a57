import { statusSymbol, TaskStatus, type DotflowEvent, type TaskEvent, type WorkflowResult } from '@dotflow/core';
import type { CliIo } from './io';

/** Draws a run from its events: plain appended lines, or a live view on a terminal. */
export interface RunView {
  /** Takes one event of the run. */
  event(event: DotflowEvent): void;
  /** A line that is not an event (a log warning): printed above the view. */
  note(line: string): void;
  /** Stops drawing; prints the statuses and the summary. */
  end(result: WorkflowResult | undefined, interrupted: boolean): void;
}

/** A duration in ms as text: `812 ms`, `1.2 s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

interface Row {
  readonly taskId: string;
  status: TaskStatus;
  attempt: number;
  duration?: number;
  error?: string;
}

/** The error line of a task event: `Exception: message`. */
function errorLine(event: TaskEvent): string | undefined {
  const e = event.error;
  return e === undefined ? undefined : `${e.exception}: ${e.message.split('\n')[0] ?? ''}`;
}

/** `attempt 2/3` when the task retries (`retry` being its attempts in all), else `attempt 2`. */
function attemptText(attempt: number, max: number | undefined): string {
  return max !== undefined && max > 1 ? `attempt ${attempt}/${max}` : `attempt ${attempt}`;
}

/** The end of a run: one line per task's final status, and the summary. */
export function summary(result: WorkflowResult): string {
  const counts = new Map<string, number>();
  for (const t of result.tasks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status.toLowerCase()}`).join(', ');
  return `${result.name} ${result.status} in ${formatDuration(result.duration)} (${result.tasks.length} tasks: ${parts}) run ${result.runId}\n`;
}

function statusLines(result: WorkflowResult): string {
  return result.tasks
    .map((t) => {
      const last = t.errors[t.errors.length - 1];
      const err = t.status === TaskStatus.Failed && last !== undefined ? ` — ${last.exception}: ${last.message.split('\n')[0] ?? ''}` : '';
      return `${statusSymbol(t.status)} ${t.taskId} ${t.status}${t.attempt > 0 ? ` (attempt ${t.attempt})` : ''}${err}\n`;
    })
    .join('');
}

/**
 * Plain lines, one per task event as it comes (symbol, task id, status, attempt, duration, error
 * line), then the summary: for pipes, files, `CI` and `NO_COLOR`. No cursor codes.
 */
export class PlainView implements RunView {
  public constructor(private readonly io: CliIo, private readonly retries: ReadonlyMap<string, number> = new Map()) {}

  public event(event: DotflowEvent): void {
    if (event.type !== 'task') return;
    const attempt = event.attempt > 0 ? ` (${attemptText(event.attempt, this.retries.get(event.taskId))})` : '';
    const duration = event.duration !== undefined ? ` in ${formatDuration(event.duration)}` : '';
    const error = errorLine(event);
    this.io.out(`${statusSymbol(event.status)} ${event.taskId} ${event.status}${attempt}${duration}${error !== undefined ? ` — ${error}` : ''}\n`);
  }

  public note(line: string): void {
    this.io.err(`${line}\n`);
  }

  public end(result: WorkflowResult | undefined, interrupted: boolean): void {
    if (result === undefined) return;
    if (interrupted) this.io.out(`Interrupted: the run was cancelled.\n${statusLines(result)}`);
    this.io.out(summary(result));
  }
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * The live view on a terminal: one line per task, redrawn in place (a spinner while it runs,
 * `attempt 2/3` on retries, the duration when done, the error line of a failed task), and the
 * summary at the end.
 */
export class LiveView implements RunView {
  readonly #rows = new Map<string, Row>();
  #drawn = 0;
  #frame = 0;
  readonly #timer: NodeJS.Timeout;

  public constructor(
    private readonly io: CliIo,
    taskIds: readonly string[],
    private readonly retries: ReadonlyMap<string, number> = new Map(),
  ) {
    for (const taskId of taskIds) this.#rows.set(taskId, { taskId, status: TaskStatus.NotStarted, attempt: 0 });
    this.io.out('\u001b[?25l'); // hide the cursor
    this.#draw();
    this.#timer = setInterval(() => {
      this.#frame = (this.#frame + 1) % SPINNER.length;
      this.#draw();
    }, 80);
    this.#timer.unref();
  }

  public event(event: DotflowEvent): void {
    if (event.type !== 'task') return;
    const row = this.#rows.get(event.taskId) ?? { taskId: event.taskId, status: event.status, attempt: 0 };
    row.status = event.status;
    row.attempt = event.attempt;
    row.duration = event.duration;
    row.error = errorLine(event) ?? (event.status === TaskStatus.InProgress ? row.error : undefined);
    this.#rows.set(event.taskId, row);
    this.#draw();
  }

  /** Prints the first line of `line` above the view (a log line's stack is in the file log). */
  public note(line: string): void {
    this.#clear();
    this.io.err(`${line.split('\n')[0] ?? ''}\n`);
    this.#drawn = 0;
    this.#draw();
  }

  public end(result: WorkflowResult | undefined, interrupted: boolean): void {
    clearInterval(this.#timer);
    if (result !== undefined) {
      for (const t of result.tasks) {
        const row = this.#rows.get(t.taskId);
        if (row !== undefined) {
          row.status = t.status;
          row.attempt = t.attempt;
        }
      }
    }
    this.#draw();
    this.io.out('\u001b[?25h'); // show the cursor
    if (interrupted) this.io.out('Interrupted: the run was cancelled.\n');
    if (result !== undefined) this.io.out(summary(result));
  }

  #line(row: Row): string {
    const symbol = row.status === TaskStatus.InProgress ? SPINNER[this.#frame] ?? '' : statusSymbol(row.status);
    const attempt = row.attempt > 0 ? `  ${attemptText(row.attempt, this.retries.get(row.taskId))}` : '';
    const duration = row.duration !== undefined ? `  ${formatDuration(row.duration)}` : '';
    const text = `${symbol} ${row.taskId}  ${row.status}${attempt}${duration}`;
    return row.error !== undefined ? `${text}\n    ${row.error}` : text;
  }

  #clear(): void {
    if (this.#drawn > 0) this.io.out(`\u001b[${this.#drawn}F\u001b[0J`);
  }

  #draw(): void {
    const cols = this.io.columns !== undefined && this.io.columns > 20 ? this.io.columns : 120;
    const lines = [...this.#rows.values()].flatMap((row) => this.#line(row).split('\n')).map((l) => (l.length > cols - 2 ? l.slice(0, cols - 2) : l)) // a symbol takes two columns: never wrap;
    this.#clear();
    this.io.out(lines.map((l) => `${l}\n`).join(''));
    this.#drawn = lines.length;
  }
}
