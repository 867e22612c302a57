import { footerOf, headerOf, errorLineOf, resultOf, truncate, formatDuration, digestTitle, digestFooter, type Digest, type StatusEvent } from './text';

/**
 * The longest text Telegram's `sendMessage` takes; {@link telegramText} never exceeds it.
 *
 * @example
 * ```ts
 * telegramText(event).length <= TELEGRAM_TEXT_LIMIT; // true
 * ```
 */
export const TELEGRAM_TEXT_LIMIT = 4096;

const BLOCK_OPEN = '```json\n';
const BLOCK_CLOSE = '```';

/**
 * The text `TelegramNotify` sends for an event (Markdown). A task's is the reference's lines, joined
 * by newlines: `<symbol> <status>`; with `showResult`, the result as a json block; for a Failed task,
 * `` `<Exception>`: <message> ``; the footer `` `<workflowId>` — Task <taskId> ``. A workflow's:
 * `<symbol> <status>`, `Duration: <d>` on its final event, `` `<workflowId>` — Workflow <name> ``.
 * Cut to 4096 characters (the error line first, the result gets what is left).
 *
 * @example
 * ```ts
 * telegramText(failedEvent); // '❌ Failed\n`ValueError`: something broke\n`wf-1` — Task load'
 * ```
 */
export function telegramText(event: StatusEvent, options: { readonly showResult?: boolean } = {}): string {
  const header = headerOf(event);
  const footer = truncate(footerOf(event), TELEGRAM_TEXT_LIMIT - header.length - 1);
  let room = TELEGRAM_TEXT_LIMIT - header.length - footer.length - 1;
  const middle: string[] = [];
  if (event.type === 'workflow') {
    if (event.duration !== undefined) middle.push(truncate(`Duration: ${formatDuration(event.duration)}`, room - 1));
  } else {
    const errorLine = errorLineOf(event);
    const error = errorLine === undefined ? undefined : truncate(errorLine, room - 1);
    if (error !== undefined) room -= error.length + 1;
    const result = options.showResult === true ? resultOf(event) : undefined;
    const space = room - 1 - BLOCK_OPEN.length - BLOCK_CLOSE.length;
    if (result !== undefined && space > 0) middle.push(`${BLOCK_OPEN}${truncate(result, space)}${BLOCK_CLOSE}`);
    if (error !== undefined && error !== '') middle.push(error);
  }
  return [header, ...middle, footer].join('\n');
}

/**
 * The text of a throttle's digest: `7 more: 5 Failed, 2 Retry`, then
 * `` `<workflowId>` — held back by the throttle (at most 10 per 60 s) ``.
 *
 * @example
 * ```ts
 * telegramDigestText({ workflowId: 'etl', held: 2, counts: [['Failed', 2]], throttle: { windowMs: 60_000, max: 10 } });
 * ```
 */
export function telegramDigestText(digest: Digest): string {
  return truncate(`${digestTitle(digest)}\n${digestFooter(digest)}`, TELEGRAM_TEXT_LIMIT);
}
