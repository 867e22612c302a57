import { NotifyDeliveryError, type NotifyService } from '../errors/notify-delivery.error';
import type { ResolvedDelivery } from '../options/notify-options';
import type { Undelivered } from './deliver';
import { MAX_PENDING } from './lanes';
import { field, parseJson } from './retry-after';

/** What a service's errors say beyond the generic part. @internal */
export interface ServiceErrors {
  readonly service: NotifyService;
  /** Strings that must never reach a message (tokens, webhook URLs and their parts). */
  readonly secrets: readonly string[];
  /** The options that say where requests go, for network errors: `"apiBase"`, `"webhookUrl"`… */
  readonly where: string;
  /** How to fix an HTTP error status, given the service's own description of it. */
  fix(status: number, description: string): string;
}

/** Replaces every secret in `text` by `***`. @internal */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}

/** The service's own words about an error: Telegram's `description`, Discord's `message`, a server's `detail`, else the body. */
function describeBody(text: string | undefined, secrets: readonly string[]): string {
  if (text === undefined) return '';
  const body = parseJson(text);
  const said = field(body, 'description') ?? field(body, 'message') ?? field(body, 'detail') ?? field(body, 'error');
  let words = typeof said === 'string' ? said : said === undefined ? (body === undefined ? text : '') : safeJson(said);
  words = redact(words.replace(/\s+/g, ' ').trim(), secrets);
  return words.length > 200 ? `${words.slice(0, 199)}…` : words;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

const tries = (n: number): string => `${n} attempt${n === 1 ? '' : 's'}`;

/**
 * The error a failed delivery rejects with: what the service answered and how to fix it. It holds
 * no cause (a fetch error's message may quote the URL), and every secret is redacted.
 * @internal
 */
export function deliveryError(failure: Undelivered, what: string, errors: ServiceErrors, policy: ResolvedDelivery): NotifyDeliveryError {
  const { service } = errors;
  const description = describeBody(failure.text, errors.secrets);
  const said = description === '' ? '' : ` (${description})`;
  let message: string;
  switch (failure.kind) {
    case 'http':
      message = `${service} answered HTTP ${failure.status ?? '?'}${said} to ${what}${failure.attempts > 1 ? ` after ${tries(failure.attempts)}` : ''}; ${errors.fix(failure.status ?? 0, description)}`;
      break;
    case 'timeout':
      message = `${service} did not answer ${what} within ${failure.timeoutMs ?? policy.timeoutMs} ms (${tries(failure.attempts)}); it was dropped. Check the network and ${errors.where}, or raise "timeoutMs".`;
      break;
    case 'network':
      message = `${service} could not be reached for ${what} (${failure.code ?? 'network error'}, ${tries(failure.attempts)}); it was dropped. Check the network and ${errors.where}.`;
      break;
    case 'rate-limited':
      message =
        failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs
          ? `${service} rate-limited ${what} (HTTP 429, retry after ${failure.retryAfterMs} ms, more than "maxRetryAfterMs" ${policy.maxRetryAfterMs} ms); it was dropped. Send fewer messages (the "throttle" option) or raise "maxRetryAfterMs".`
          : `${service} still rate-limited ${what} (HTTP 429) after ${tries(failure.attempts)}; it was dropped. Send fewer messages (the "throttle" option) or raise "retries".`;
      break;
    case 'queue-full':
      message = `${service}: ${what} was dropped unsent, as ${MAX_PENDING} requests were waiting for the service: it is slow or down, or it is sent too much (the "throttle" option).`;
      break;
  }
  if (failure.outOfTime === true) message += ` Its "deadlineMs" (${policy.deadlineMs} ms) ran out before its retries did.`;
  return new NotifyDeliveryError(service, failure.kind, redact(message, errors.secrets), failure.status, failure.attempts);
}
