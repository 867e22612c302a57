import { statusSymbol, TaskStatus, type DotflowEvent, type ScheduleEvent, type TaskEvent, type WorkflowEvent, type WorkflowResult } from '@dotflow/core';
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

/**
 * A duration in ms as text: `812 ms`, `1.2 s`.
 *
 * @example
 * ```ts
 * formatDuration(812);  // '812 ms'
 * formatDuration(1234); // '1.2 s'
 * ```
 */
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

/**
 * The end of a run: one line per task's final status, and the summary.
 *
 * @example
 * ```ts
 * process.stdout.write(summary(await flow.start()));
 * // hello Completed in 12 ms (2 tasks: 2 completed) run 0193…
 * ```
 */
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
 *
 * @example
 * ```ts
 * const view = new PlainView(processIo());
 * const subscription = flow.events$.subscribe((e) => view.event(e));
 * const result = await flow.start();
 * subscription.unsubscribe();
 * view.end(result, false);
 * ```
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

/** The task lines of one run, kept from its events: what a live view draws. */
class TaskBoard {
  readonly #rows = new Map<string, Row>();

  public constructor(taskIds: readonly string[], private readonly retries: ReadonlyMap<string, number>) {
    for (const taskId of taskIds) this.#rows.set(taskId, { taskId, status: TaskStatus.NotStarted, attempt: 0 });
  }

  public update(event: TaskEvent): void {
    const row = this.#rows.get(event.taskId) ?? { taskId: event.taskId, status: event.status, attempt: 0 };
    row.status = event.status;
    row.attempt = event.attempt;
    row.duration = event.duration;
    row.error = errorLine(event) ?? (event.status === TaskStatus.InProgress ? row.error : undefined);
    this.#rows.set(event.taskId, row);
  }

  /** Takes the final statuses of `result` (tasks that never got an event, e.g. cancelled unstarted). */
  public settle(result: WorkflowResult): void {
    for (const t of result.tasks) {
      const row = this.#rows.get(t.taskId);
      if (row !== undefined) {
        row.status = t.status;
        row.attempt = t.attempt;
      }
    }
  }

  public lines(frame: number, indent = ''): string[] {
    return [...this.#rows.values()].flatMap((row) => {
      const symbol = row.status === TaskStatus.InProgress ? SPINNER[frame] ?? '' : statusSymbol(row.status);
      const attempt = row.attempt > 0 ? `  ${attemptText(row.attempt, this.retries.get(row.taskId))}` : '';
      const duration = row.duration !== undefined ? `  ${formatDuration(row.duration)}` : '';
      const text = `${indent}${symbol} ${row.taskId}  ${row.status}${attempt}${duration}`;
      return row.error !== undefined ? [text, `${indent}    ${row.error}`] : [text];
    });
  }
}

/**
 * The part of a terminal a live view owns: the lines below the cursor, redrawn in place (on each
 * change and each spinner frame), with the cursor hidden; lines printed "above" stay on screen.
 */
class LiveArea {
  #drawn = 0;
  #frame = 0;
  readonly #timer: NodeJS.Timeout;

  public constructor(private readonly io: CliIo, private readonly render: (frame: number) => readonly string[]) {
    this.io.out('\u001b[?25l'); // hide the cursor
    this.draw();
    this.#timer = setInterval(() => {
      this.#frame = (this.#frame + 1) % SPINNER.length;
      this.draw();
    }, 80);
    this.#timer.unref();
  }

  /** Redraws the area. */
  public draw(): void {
    const cols = this.io.columns !== undefined && this.io.columns > 20 ? this.io.columns : 120;
    const lines = this.render(this.#frame).map((l) => (l.length > cols - 2 ? l.slice(0, cols - 2) : l)); // a symbol takes two columns: never wrap
    this.#clear();
    this.io.out(lines.map((l) => `${l}\n`).join(''));
    this.#drawn = lines.length;
  }

  /** Prints `text` (whole lines) above the area, on stdout or stderr, then redraws the area below it. */
  public above(text: string, stream: 'out' | 'err' = 'out'): void {
    this.#clear();
    this.#drawn = 0;
    if (stream === 'err') this.io.err(text);
    else this.io.out(text);
    this.draw();
  }

  /** Stops the spinner, draws the area one last time, and shows the cursor again. */
  public close(): void {
    clearInterval(this.#timer);
    this.draw();
    this.io.out('\u001b[?25h'); // show the cursor
  }

  #clear(): void {
    if (this.#drawn > 0) this.io.out(`\u001b[${this.#drawn}F\u001b[0J`);
  }
}

/**
 * The live view on a terminal: one line per task, redrawn in place (a spinner while it runs,
 * `attempt 2/3` on retries, the duration when done, the error line of a failed task), and the
 * summary at the end.
 *
 * @example
 * ```ts
 * const view = new LiveView(processIo(), flow.describe().tasks.map((t) => t.taskId));
 * flow.events$.subscribe((e) => view.event(e));
 * view.end(await flow.start(), false);
 * ```
 */
export class LiveView implements RunView {
  readonly #board: TaskBoard;
  readonly #area: LiveArea;

  public constructor(private readonly io: CliIo, taskIds: readonly string[], retries: ReadonlyMap<string, number> = new Map()) {
    this.#board = new TaskBoard(taskIds, retries);
    this.#area = new LiveArea(io, (frame) => this.#board.lines(frame));
  }

  public event(event: DotflowEvent): void {
    if (event.type !== 'task') return;
    this.#board.update(event);
    this.#area.draw();
  }

  /** Prints the first line of `line` above the view (a log line's stack is in the file log). */
  public note(line: string): void {
    this.#area.above(`${line.split('\n')[0] ?? ''}\n`, 'err');
  }

  public end(result: WorkflowResult | undefined, interrupted: boolean): void {
    if (result !== undefined) this.#board.settle(result);
    this.#area.close();
    if (interrupted) this.io.out('Interrupted: the run was cancelled.\n');
    if (result !== undefined) this.io.out(summary(result));
  }
}

/**
 * The line of a schedule event: `⏰ <name> <action> (due <ISO>)[ run <runId>]`.
 *
 * @example
 * ```ts
 * flow.events$.subscribe((e) => { if (e.type === 'schedule') process.stdout.write(triggerLine(e)); });
 * ```
 */
export function triggerLine(event: ScheduleEvent): string {
  return `⏰ ${event.name} ${event.action} (due ${event.scheduledAt.toISOString()})${event.runId !== undefined ? ` run ${event.runId}` : ''}\n`;
}

/**
 * The line of a run's final workflow event: `<name> <status> in <duration> run <runId>`.
 *
 * @example
 * ```ts
 * flow.events$.subscribe((e) => { if (e.type === 'workflow' && e.duration !== undefined) process.stdout.write(runEndLine(e)); });
 * ```
 */
export function runEndLine(event: WorkflowEvent): string {
  return `${event.name} ${event.status} in ${formatDuration(event.duration)} run ${event.runId}\n`;
}

/** Draws a schedule: its triggers and each finished run as lines, the runs going on live or as plain task lines. */
export interface ScheduleView {
  /** Takes one event of the scheduled workflow (any of its runs). */
  event(event: DotflowEvent): void;
  /** A line that is not an event (a log warning): on stderr. */
  note(line: string): void;
  /** Whole lines of the command's own (`Scheduled … next run …`): on stdout, above a live view. */
  line(text: string): void;
  /** Stops drawing. */
  end(): void;
}

/**
 * A schedule as plain appended lines: each trigger, each task event, each run's end.
 *
 * @example
 * ```ts
 * const view = new PlainScheduleView(processIo());
 * flow.events$.subscribe((e) => view.event(e));
 * const handle = await flow.schedule();
 * ```
 */
export class PlainScheduleView implements ScheduleView {
  readonly #tasks: PlainView;

  public constructor(private readonly io: CliIo, retries: ReadonlyMap<string, number> = new Map()) {
    this.#tasks = new PlainView(io, retries);
  }

  public event(event: DotflowEvent): void {
    if (event.type === 'schedule') this.io.out(triggerLine(event));
    else if (event.type === 'workflow' && event.duration !== undefined) this.io.out(runEndLine(event));
    else this.#tasks.event(event);
  }

  public note(line: string): void {
    this.#tasks.note(line);
  }

  public line(text: string): void {
    this.io.out(text);
  }

  public end(): void {}
}

/**
 * A schedule on a terminal: triggers and finished runs stay on screen as lines; below them, each
 * run going on is drawn live (its task lines under a `▶ <name> run <runId>` header; several with
 * `overlap: 'parallel'`), and a last line says when the next run is due.
 *
 * @example
 * ```ts
 * const handle = await flow.schedule();
 * const view = new LiveScheduleView(processIo(), flow.describe().tasks.map((t) => t.taskId), new Map(), () => handle.nextRun());
 * flow.events$.subscribe((e) => view.event(e));
 * ```
 */
export class LiveScheduleView implements ScheduleView {
  readonly #runs = new Map<string, { readonly name: string; readonly board: TaskBoard }>();
  readonly #area: LiveArea;
  #ended = false;

  public constructor(
    io: CliIo,
    private readonly taskIds: readonly string[],
    private readonly retries: ReadonlyMap<string, number>,
    private readonly nextRun: () => Date | undefined,
  ) {
    this.#area = new LiveArea(io, (frame) => this.#lines(frame));
  }

  public event(event: DotflowEvent): void {
    if (event.type === 'schedule') {
      this.#area.above(triggerLine(event));
    } else if (event.type === 'workflow') {
      if (event.duration === undefined) {
        this.#runs.set(event.runId, { name: event.name, board: new TaskBoard(this.taskIds, this.retries) });
        this.#area.draw();
      } else {
        this.#runs.delete(event.runId);
        this.#area.above(runEndLine(event));
      }
    } else if (event.type === 'task') {
      this.#runs.get(event.runId)?.board.update(event);
      this.#area.draw();
    }
  }

  public note(line: string): void {
    this.#area.above(`${line.split('\n')[0] ?? ''}\n`, 'err');
  }

  public line(text: string): void {
    this.#area.above(text);
  }

  /** Stops drawing and clears the area: a stopped schedule has no next run. */
  public end(): void {
    this.#ended = true;
    this.#area.close();
  }

  #lines(frame: number): string[] {
    if (this.#ended) return [];
    const lines = [...this.#runs].flatMap(([runId, run]) => [`▶ ${run.name} run ${runId}`, ...run.board.lines(frame, '  ')]);
    const next = this.nextRun();
    const running = this.#runs.size === 1 ? '1 run going on' : `${this.#runs.size} runs going on`;
    lines.push(`⏰ next run ${next === undefined ? 'none' : next.toISOString()} · ${running} · Ctrl-C stops`);
    return lines;
  }
}
