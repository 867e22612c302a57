import { ChatNotifier } from './chat-notifier';
import { deliver, type HttpRequest } from './http/deliver';
import { deliveryError, type ServiceErrors } from './http/explain';
import { InvalidNotifyOptionsError } from './errors/invalid-notify-options.error';
import { resolveChatOptions, secretOption, shown, urlOption, type ChatNotifyOptions, type ResolvedChatOptions } from './options/notify-options';
import { telegramDigestText, telegramText } from './render/telegram-text';

/**
 * Options of {@link TelegramNotify}.
 *
 * @example
 * ```ts
 * const options: TelegramNotifyOptions = { token: process.env.TELEGRAM_TOKEN!, chatId: '@ops', statuses: ['Failed', 'Retry'] };
 * ```
 */
export interface TelegramNotifyOptions extends ChatNotifyOptions {
  /** The bot's token, from @BotFather. A secret: it never appears in a log line or an error. */
  readonly token: string;
  /** The chat to write to: a numeric id, or `'@channelname'`. */
  readonly chatId: number | string;
  /** Where the Bot API is (a local Bot API server, a proxy, a test double). @defaultValue 'https://api.telegram.org' */
  readonly apiBase?: string;
}

const PROVIDER = 'TelegramNotify';

function fix(status: number, description: string): string {
  if (status === 401 || status === 404) return 'check "token": it must be the bot token @BotFather gave (and "apiBase", if you set one).';
  if (status === 403) return 'the bot may not write to "chatId" (the user blocked it, or it is not a member of the group or channel): unblock it or add it.';
  if (status === 400 && /chat not found/i.test(description)) return 'check "chatId": the bot has no chat with it (send the bot a message first, or add it to the group or channel).';
  if (status === 400) return 'Telegram refused the message as it is; check "chatId" and what the message says.';
  if (status >= 500) return 'Telegram is failing; the message was dropped (raise "retries" to try longer).';
  return 'see what Telegram said; the message was dropped.';
}

/**
 * Sends status changes to a Telegram chat with the Bot API's `sendMessage`, in the reference's
 * layout (see {@link telegramText}). An observer: messages go out asynchronously, in order per
 * workflow, each request bounded by `timeoutMs` and retried on network errors, 429 and 5xx; a
 * run never waits for Telegram, and a failure is logged by the `Config`'s log without the token.
 *
 * @throws InvalidNotifyOptionsError when an option has a value it cannot use.
 * @example
 * ```ts
 * const config = new Config({
 *   notify: new TelegramNotify({ token: process.env.TELEGRAM_TOKEN!, chatId: 123456789, throttle: { windowMs: 60_000, max: 10 } }),
 * });
 * const flow = new DotFlow({ config });
 * flow.task.add({ step: load });
 * await flow.start();
 * await config.flush(); // before the process exits
 * ```
 */
export class TelegramNotify extends ChatNotifier<string> {
  public constructor(options: TelegramNotifyOptions) {
    const token = secretOption(PROVIDER, 'token', options.token, 'the bot token from @BotFather');
    if (/[\s/?#]/.test(token)) throw new InvalidNotifyOptionsError(PROVIDER, 'token', '(hidden: it is a secret)', 'must be a bot token, with no spaces, "/", "?" or "#"');
    const chatId = options.chatId;
    if (!(typeof chatId === 'number' && Number.isSafeInteger(chatId)) && !(typeof chatId === 'string' && chatId.trim() !== '')) {
      throw new InvalidNotifyOptionsError(PROVIDER, 'chatId', shown(chatId), "must be a chat's numeric id or '@channelname'");
    }
    const base = urlOption(PROVIDER, 'apiBase', options.apiBase ?? 'https://api.telegram.org', false).href.replace(/\/+$/, '');
    const resolved = resolveChatOptions(PROVIDER, options);
    const url = `${base}/bot${token}/sendMessage`;
    const errors: ServiceErrors = { service: 'Telegram', secrets: [url, token], where: '"apiBase"', fix };
    super(resolved, {
      render: (event) => telegramText(event, resolved),
      renderDigest: telegramDigestText,
      post: (text, what) => send(url, chatId, text, what, resolved, errors),
      refused: (what) => deliveryError({ ok: false, kind: 'queue-full', attempts: 0 }, what, errors, resolved),
    });
  }
}

/** Posts a message; when Telegram cannot parse it as Markdown (a lone `_` in a task id…), once more as plain text. */
async function send(url: string, chatId: number | string, text: string, what: string, policy: ResolvedChatOptions, errors: ServiceErrors): Promise<void> {
  const request = (body: Record<string, unknown>): HttpRequest => ({ method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  let outcome = await deliver(request({ chat_id: chatId, text, parse_mode: 'markdown' }), policy);
  if (!outcome.ok && outcome.status === 400 && /can't parse entities/i.test(outcome.text ?? '')) {
    outcome = await deliver(request({ chat_id: chatId, text }), policy);
  }
  if (!outcome.ok) throw deliveryError(outcome, what, errors, policy);
}
