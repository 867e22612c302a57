import { statusSymbol, TaskStatus, type TaskEvent, type WorkflowEvent } from '@dotflow/core';
import type { ThrottleOptions } from '../options/notify-options';

/**
 * The events a chat notifier renders: a task's or a workflow's status change.
 *
 * @example
 * ```ts
 * flow.events$.subscribe((e) => { if (e.type === 'task' || e.type === 'workflow') console.log(telegramText(e satisfies StatusEvent)); });
 * ```
 */
export type StatusEvent = TaskEvent | WorkflowEvent;

/**
 * What a throttle held back for one workflow in one window, sent as one message.
 *
 * @example
 * ```ts
 * const digest: Digest = { workflowId: 'etl', held: 7, counts: [['Failed', 5], ['Retry', 2]], throttle: { windowMs: 60_000, max: 10 } };
 * telegramDigestText(digest); // '7 more: 5 Failed, 2 Retry\n`etl` — held back by the throttle (at most 10 per 60 s)'
 * ```
 */
export interface Digest {
  /** The workflow whose messages were held back. */
  readonly workflowId: string;
  /** Messages held back. */
  readonly held: number;
  /** Held messages per status, most first (workflow statuses read `workflow Completed`…). */
  readonly counts: readonly (readonly [label: string, count: number])[];
  /** The throttle that held them. */
  readonly throttle: ThrottleOptions;
}

/** At most `max` UTF-16 units of `text`, ending in `…` when cut (never inside a surrogate pair). @internal */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** The symbol of a task or workflow status (a workflow's `New` shows as `Not started`). @internal */
export function symbolOf(status: string): string {
  const known = Object.values(TaskStatus) as string[];
  return known.includes(status) ? statusSymbol(status as TaskStatus) : statusSymbol(TaskStatus.NotStarted);
}

/** The first line of every status message: `✅ Completed`. @internal */
export function headerOf(event: StatusEvent): string {
  return `${symbolOf(event.status)} ${event.status}`;
}

/** The reference's footer of a task message, and this package's of a workflow message. @internal */
export function footerOf(event: StatusEvent): string {
  return event.type === 'task' ? `\`${event.workflowId}\` — Task ${event.taskId}` : `\`${event.workflowId}\` — Workflow ${event.name}`;
}

/** `` `ValueError`: something broke `` for a Failed task event with an error, else undefined. @internal */
export function errorLineOf(event: StatusEvent): string | undefined {
  if (event.type !== 'task' || event.status !== TaskStatus.Failed || event.error === undefined) return undefined;
  return `\`${event.error.exception}\`: ${event.error.message}`;
}

/** The result shown by `showResult`: the JSON of a Completed or Skipped task's storage, else undefined. @internal */
export function resultOf(event: StatusEvent): string | undefined {
  if (event.type !== 'task' || (event.status !== TaskStatus.Completed && event.status !== TaskStatus.Skipped)) return undefined;
  return jsonText(event.storage ?? null);
}

/**
 * JSON of any value, never throwing: a BigInt as its digits, a repeated (cyclic) object as
 * `"[Circular]"`, a value JSON has no text for (a function, a symbol) as `null`. @internal
 */
export function jsonText(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[Circular]';
        seen.add(v);
      }
      return v;
    });
    return text ?? 'null';
  } catch {
    return 'null'; // a throwing toJSON or getter
  }
}

/** `850 ms`, `1.24 s`. @internal */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** `7 more: 5 Failed, 2 Retry`. @internal */
export function digestTitle(digest: Digest): string {
  return `${digest.held} more: ${digest.counts.map(([label, n]) => `${n} ${label}`).join(', ')}`;
}

/** `` `etl` — held back by the throttle (at most 10 per 60 s) ``. @internal */
export function digestFooter(digest: Digest): string {
  const { windowMs, max } = digest.throttle;
  const window = windowMs % 1000 === 0 ? `${windowMs / 1000} s` : `${windowMs} ms`;
  return `\`${digest.workflowId}\` — held back by the throttle (at most ${max} per ${window})`;
}
