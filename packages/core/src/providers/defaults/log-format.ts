import type { DotflowEvent, ScheduleAction } from '../../events/dotflow-event';
import type { TaskStatus } from '../../status/task-status';
import type { WorkflowStatus } from '../../status/workflow-status';
import { toTaskError, type TaskError } from '../../task/task';
import type { LogRecord } from '../log';

/**
 * One line of a JSON log (`ConsoleLog({ format: 'json' })`, and every line of its file): one
 * object per line. Fields that do not apply are absent, never `null`.
 *
 * @example
 * ```ts
 * // {"time":"2026-12-01T10:00:00.000Z","level":"error","type":"task","workflowId":"etl","runId":"0193…",
 * //  "taskId":"load","name":"load","status":"Failed","attempt":3,"duration":812.4,
 * //  "message":"❌ etl load: Failed (attempt 3) in 812.4 ms — Error: timeout",
 * //  "error":{"exception":"Error","message":"timeout","stack":"Error: timeout\n    at …"}}
 * for (const line of readFileSync('.output/flow.log', 'utf8').split('\n').filter(Boolean)) {
 *   const entry = JSON.parse(line) as JsonLogLine;
 *   if (entry.level === 'error') console.log(entry.taskId, entry.error?.message);
 * }
 * ```
 */
export interface JsonLogLine {
  /** The event's time on `Config.clock` (ISO 8601, UTC). */
  readonly time: string;
  /** The line's level (`error` for a Failed task or workflow, `warn` for a Retry…). */
  readonly level: LogRecord['level'];
  /** The event's `type`; absent on a line about an error Dotflow caught (a throwing subscriber, a provider). */
  readonly type?: DotflowEvent['type'];
  /** The event's workflow; absent on a line about an error Dotflow caught. */
  readonly workflowId?: string;
  /** Absent on a schedule event that started no run. */
  readonly runId?: string;
  /** On task events, and on the `error` event of a task's callback. */
  readonly taskId?: string;
  /** The task's name on task events, else the workflow's. */
  readonly name?: string;
  /** The new status, on task and workflow events. */
  readonly status?: TaskStatus | WorkflowStatus;
  /** On task events: the attempt (1-based; 0 for a task that never started). */
  readonly attempt?: number;
  /** On final events: the task's or run's duration in ms (to the µs). */
  readonly duration?: number;
  /** On schedule events. */
  readonly action?: ScheduleAction;
  /** On schedule events: when the trigger was due (ISO 8601). */
  readonly scheduledAt?: string;
  /** On `error` events: which user callback threw. */
  readonly source?: 'callback' | 'onSuccess' | 'onFailure';
  /** The line's text, as the text format writes it. */
  readonly message: string;
  /** On a task's Retry and Failed, `error` events and caught errors. */
  readonly error?: {
    /** The error's class name (`'TypeError'`). */
    readonly exception: string;
    /** The error's message. */
    readonly message: string;
    /** The error's stack trace (`''` when it had none). */
    readonly stack: string;
  };
  /** With `includeResults: true`, on Completed and Skipped: the task's result. */
  readonly storage?: unknown;
}

// eslint-disable-next-line no-control-regex -- the control characters are what JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/**
 * The JSON string literal of `s`: `s` between quotes when nothing in it needs escaping (the
 * common case, 3× cheaper than `JSON.stringify`). A lone surrogate is left as is (it is written
 * as U+FFFD, the line stays valid JSON).
 */
function str(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** A JSON number; `null` for what JSON has no number for (NaN, ±Infinity). */
function num(n: number): string {
  return Number.isFinite(n) ? `${n}` : 'null';
}

/** A duration in ms, to the µs: finer digits are noise, and cost twice as much to print. */
function ms(n: number): string {
  return num(Math.round(n * 1000) / 1000);
}

function isoOrInvalid(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
}

/**
 * The start of a JSON line, up to the fields that change from one event to the next:
 * `{"time":"…","level":"…"` and, for an event, `,"type":"…","workflowId":"…","runId":"…"`. The
 * events of a fast run share their millisecond, level and run: the prefix is made once while
 * they repeat, and its UTF-8 bytes once (`bytes`), so a file copies them instead of encoding
 * them again (a line of fewer pieces is also cheaper to encode: a third of the cost of a line).
 */
export interface JsonPrefix {
  readonly text: string;
  /** `text` in UTF-8, made on first use. */
  bytes: Buffer | undefined;
}

const last = {
  ms: Number.NaN,
  iso: '',
  level: '',
  type: '' as string | undefined,
  workflowId: '' as string | undefined,
  runId: '' as string | undefined,
  prefix: { text: '', bytes: undefined } as JsonPrefix,
};

/** The ISO string of `date`, made once per millisecond. */
function isoOf(date: Date): string {
  const ms = date.getTime();
  if (ms !== last.ms) {
    last.iso = isoOrInvalid(date);
    last.ms = ms;
    last.type = ''; // the prefix must be made again
  }
  return last.iso;
}

/** The {@link JsonPrefix} of `record`. */
export function jsonPrefix(record: LogRecord): JsonPrefix {
  const iso = isoOf(record.time ?? new Date());
  const { level, event } = record;
  const type = event?.type;
  if (type !== last.type || level !== last.level || event?.workflowId !== last.workflowId || event?.runId !== last.runId) {
    const run = event === undefined ? '' : `,"type":"${event.type}","workflowId":${str(event.workflowId)}${event.runId === undefined ? '' : `,"runId":${str(event.runId)}`}`;
    last.prefix = { text: `{"time":"${iso}","level":"${level}"${run}`, bytes: undefined };
    last.level = level;
    last.type = type;
    last.workflowId = event?.workflowId;
    last.runId = event?.runId;
  }
  return last.prefix;
}

/** The error of a line: the event's, else the caught value's (`toTaskError` never throws). */
function errorOf(record: LogRecord): TaskError | undefined {
  const event = record.event;
  if (event !== undefined && (event.type === 'task' || event.type === 'error') && event.error !== undefined) return event.error;
  return record.error === undefined ? undefined : toTaskError(record.error, 0);
}

/** What a JSON line carries besides the record's fields. */
export interface JsonLineOptions {
  /** The `message` of a line about an event (the line has the event's fields either way). */
  readonly eventMessage: boolean;
  /** The task's result (`storage`). */
  readonly results: boolean;
}

/**
 * The JSON line of a record (without its newline), a {@link JsonLogLine}, its fields in a fixed
 * order: its {@link jsonPrefix} then {@link jsonRest}.
 */
export function jsonLine(record: LogRecord, options: JsonLineOptions): string {
  return jsonPrefix(record).text + jsonRest(record, options);
}

/**
 * The JSON line of a record after its {@link jsonPrefix}, closing brace included. Written by
 * hand: `JSON.stringify` of the same object costs 2–3× more, on every event. A result that JSON
 * cannot write (a `BigInt`, a cycle) is replaced by a note, so the line is still written.
 */
export function jsonRest(record: LogRecord, options: JsonLineOptions): string {
  const event = record.event;
  let line = event === undefined ? '' : eventFields(event);
  if (event === undefined || options.eventMessage) line += `,"message":${str(record.message)}`;
  const error = errorOf(record);
  if (error !== undefined) line += `,"error":{"exception":${str(error.exception)},"message":${str(error.message)},"stack":${str(error.stack)}}`;
  if (options.results && event?.type === 'task' && event.storage !== undefined) line += storageField(event.storage);
  return `${line}}`;
}

/** The fields of `event` after its prefix's, each after a comma. */
function eventFields(event: DotflowEvent): string {
  switch (event.type) {
    case 'task': {
      const id = str(event.taskId);
      const fields = `,"taskId":${id},"name":${event.name === event.taskId ? id : str(event.name)},"status":"${event.status}","attempt":${num(event.attempt)}`;
      return event.duration === undefined ? fields : `${fields},"duration":${ms(event.duration)}`;
    }
    case 'workflow': {
      const fields = `,"name":${str(event.name)},"status":"${event.status}"`;
      return event.duration === undefined ? fields : `${fields},"duration":${ms(event.duration)}`;
    }
    case 'error':
      return `${event.taskId === undefined ? '' : `,"taskId":${str(event.taskId)}`},"name":${str(event.name)},"source":"${event.source}"`;
    case 'schedule':
      return `,"name":${str(event.name)},"action":"${event.action}","scheduledAt":"${isoOrInvalid(event.scheduledAt)}"`;
  }
}

/** `,"storage":<the result>`, or a note when JSON cannot write it; nothing for a result JSON leaves out (a function). */
function storageField(storage: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(storage);
  } catch (e) {
    return `,"storage":{"unserializable":${str(toTaskError(e, 0).message)}}`;
  }
  return json === undefined ? '' : `,"storage":${json}`;
}

/**
 * The text line of a record: `<time> - <LEVEL> [dotflow]: <message>`; at `error`, the error's
 * stack follows on the next lines (as the reference appends the traceback).
 */
export function textLine(record: LogRecord): string {
  const head = `${isoOf(record.time ?? new Date())} - ${record.level.toUpperCase()} [dotflow]: ${record.message}`;
  if (record.level !== 'error') return head;
  const stack = errorOf(record)?.stack;
  return stack ? `${head}\n${stack}` : head;
}
