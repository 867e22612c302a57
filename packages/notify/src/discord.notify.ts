import { ChatNotifier } from './chat-notifier';
import { deliver } from './http/deliver';
import { deliveryError, type ServiceErrors } from './http/explain';
import { resolveChatOptions, urlOption, type ChatNotifyOptions, type ResolvedChatOptions } from './options/notify-options';
import { discordDigestEmbed, discordEmbed, type DiscordEmbed } from './render/discord-embed';

/**
 * Options of {@link DiscordNotify}.
 *
 * @example
 * ```ts
 * const options: DiscordNotifyOptions = { webhookUrl: process.env.DISCORD_WEBHOOK_URL!, showResult: true };
 * ```
 */
export interface DiscordNotifyOptions extends ChatNotifyOptions {
  /** The channel's webhook URL (`https://discord.com/api/webhooks/<id>/<token>`). A secret: it never appears in a log line or an error. */
  readonly webhookUrl: string;
}

const PROVIDER = 'DiscordNotify';

function fix(status: number): string {
  if (status === 401 || status === 403 || status === 404) {
    return 'check "webhookUrl": the webhook may have been deleted or its token changed (copy its URL again from the channel\'s Integrations settings).';
  }
  if (status === 400) return 'Discord refused the embed as it is; see what Discord said.';
  if (status >= 500) return 'Discord is failing; the message was dropped (raise "retries" to try longer).';
  return 'see what Discord said; the message was dropped.';
}

/** What must never be shown of a webhook URL: the URL itself, its path, and its id and token. */
function secretsOf(given: string, url: URL): string[] {
  const segments = url.pathname.split('/').filter((s) => s.length >= 6 && s !== 'webhooks');
  return [given, url.href, `${url.origin}${url.pathname}`, ...(url.pathname.length > 1 ? [url.pathname] : []), ...segments].sort((a, b) => b.length - a.length);
}

/**
 * Posts status changes to a Discord channel's webhook as embeds, in the reference's layout (see
 * {@link discordEmbed}). An observer: messages go out asynchronously, in order per workflow, each
 * request bounded by `timeoutMs` and retried on network errors, 429 (after its `retry_after`) and
 * 5xx; a run never waits for Discord, and a failure is logged without the webhook URL.
 *
 * @throws InvalidNotifyOptionsError when an option has a value it cannot use.
 * @example
 * ```ts
 * const config = new Config({ notify: new DiscordNotify({ webhookUrl: process.env.DISCORD_WEBHOOK_URL!, showResult: true }) });
 * await flow.start();
 * await config.flush();
 * ```
 */
export class DiscordNotify extends ChatNotifier<DiscordEmbed> {
  public constructor(options: DiscordNotifyOptions) {
    const url = urlOption(PROVIDER, 'webhookUrl', options.webhookUrl, true);
    const resolved = resolveChatOptions(PROVIDER, options);
    const errors: ServiceErrors = { service: 'Discord', secrets: secretsOf(options.webhookUrl, url), where: '"webhookUrl"', fix };
    super(resolved, {
      render: (event) => discordEmbed(event, resolved),
      renderDigest: discordDigestEmbed,
      post: (embed, what) => send(url.href, embed, what, resolved, errors),
      refused: (what) => deliveryError({ ok: false, kind: 'queue-full', attempts: 0 }, what, errors, resolved),
    });
  }
}

async function send(url: string, embed: DiscordEmbed, what: string, policy: ResolvedChatOptions, errors: ServiceErrors): Promise<void> {
  const outcome = await deliver({ method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ embeds: [embed] }) }, policy);
  if (!outcome.ok) throw deliveryError(outcome, what, errors, policy);
}
