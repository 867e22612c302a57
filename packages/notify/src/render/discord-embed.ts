import { footerOf, headerOf, errorLineOf, resultOf, truncate, formatDuration, digestTitle, digestFooter, type Digest, type StatusEvent } from './text';

/**
 * One field of a {@link DiscordEmbed}.
 *
 * @example
 * ```ts
 * const field: DiscordEmbedField = { name: 'Error', value: '`ValueError`: something broke' };
 * ```
 */
export interface DiscordEmbedField {
  /** The field's title (`Result`, `Error`, `Duration`). */
  readonly name: string;
  /** The field's text (at most 1,024 characters). */
  readonly value: string;
}

/**
 * The embed `DiscordNotify` posts (as `{ "embeds": [embed] }`).
 *
 * @example
 * ```ts
 * const embed: DiscordEmbed = discordEmbed(event);
 * console.log(embed.color.toString(16)); // 'f44336' for Failed
 * ```
 */
export interface DiscordEmbed {
  /** `<symbol> <status>`, e.g. `❌ Failed`, or a digest's `7 more: 5 Failed, 2 Retry` (at most 256 characters). */
  readonly title: string;
  /** The colour of the status, from {@link DISCORD_COLORS}. */
  readonly color: number;
  /** The footer line: `` `<workflowId>` — Task <taskId> `` or `` `<workflowId>` — Workflow <name> `` (at most 4,096 characters). */
  readonly description: string;
  /** A task's `Result` and `Error` fields, or a workflow's `Duration`, when there are any. */
  readonly fields: readonly DiscordEmbedField[];
}

/**
 * The reference's colour per status; any other status (Skipped, Cancelled…) is 0x9E9E9E. A
 * workflow's `New` has Not started's colour.
 *
 * @example
 * ```ts
 * DISCORD_COLORS.Failed; // 0xf44336
 * ```
 */
export const DISCORD_COLORS: Readonly<Record<string, number>> = Object.freeze({
  Completed: 0x4caf50,
  Failed: 0xf44336,
  Retry: 0xff9800,
  'In progress': 0x2196f3,
  'Not started': 0x9e9e9e,
  New: 0x9e9e9e,
  Paused: 0x607d8b,
});

const OTHER_COLOR = 0x9e9e9e;
/** Discord's limits: title, description, a field's value, the whole embed. */
const LIMITS = { title: 256, description: 4096, value: 1024, total: 6000 } as const;

const colorOf = (status: string): number => DISCORD_COLORS[status] ?? OTHER_COLOR;

/**
 * The embed for an event. A task's is the reference's: `title` `<symbol> <status>`, `color` by
 * status, `description` `` `<workflowId>` — Task <taskId> ``, `fields`: with `showResult` a
 * `Result` field (a json block), for a Failed task an `Error` field (`` `<Exception>`: <message> ``).
 * A workflow's: the same title and colours, `` `<workflowId>` — Workflow <name> ``, and a
 * `Duration` field on its final event. Cut to Discord's limits (a field's value 1024 characters,
 * the block's fences included).
 *
 * @example
 * ```ts
 * await fetch(webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ embeds: [discordEmbed(event)] }) });
 * ```
 */
export function discordEmbed(event: StatusEvent, options: { readonly showResult?: boolean } = {}): DiscordEmbed {
  const fields: DiscordEmbedField[] = [];
  if (event.type === 'workflow') {
    if (event.duration !== undefined) fields.push({ name: 'Duration', value: formatDuration(event.duration) });
  } else {
    const result = options.showResult === true ? resultOf(event) : undefined;
    if (result !== undefined) fields.push({ name: 'Result', value: `\`\`\`json\n${truncate(result, LIMITS.value - 11)}\`\`\`` });
    const error = errorLineOf(event);
    if (error !== undefined) fields.push({ name: 'Error', value: truncate(error, LIMITS.value) });
  }
  return fitted(headerOf(event), colorOf(event.status), footerOf(event), fields);
}

/**
 * The embed of a throttle's digest: title `7 more: 5 Failed, 2 Retry`, the colour of the status
 * held most, description `` `<workflowId>` — held back by the throttle (at most 10 per 60 s) ``.
 *
 * @example
 * ```ts
 * discordDigestEmbed({ workflowId: 'etl', held: 2, counts: [['Failed', 2]], throttle: { windowMs: 60_000, max: 10 } }).color; // 0xf44336
 * ```
 */
export function discordDigestEmbed(digest: Digest): DiscordEmbed {
  const most = digest.counts[0]?.[0].replace(/^workflow /, '') ?? '';
  return fitted(digestTitle(digest), colorOf(most), digestFooter(digest), []);
}

function fitted(title: string, color: number, description: string, fields: readonly DiscordEmbedField[]): DiscordEmbed {
  const shortTitle = truncate(title, LIMITS.title);
  const used = shortTitle.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  return { title: shortTitle, color, description: truncate(description, Math.min(LIMITS.description, LIMITS.total - used)), fields };
}
