import { DotflowError } from '@dotflow/core';

/**
 * The service a delivery went to.
 *
 * @example
 * ```ts
 * if (error instanceof NotifyDeliveryError && error.service === 'Telegram') pageOnCall();
 * ```
 */
export type NotifyService = 'Telegram' | 'Discord' | 'Dotflow server';

/**
 * Why a delivery was given up.
 *
 * @example
 * ```ts
 * const retryLater = (e: NotifyDeliveryError): boolean => e.kind === 'timeout' || e.kind === 'network';
 * ```
 */
export type DeliveryFailureKind =
  /** The service answered with an HTTP status that is not a success (after the retries it allows). */
  | 'http'
  /** No answer within `timeoutMs`, on every attempt. */
  | 'timeout'
  /** The connection failed (refused, reset, DNS…), on every attempt. */
  | 'network'
  /** HTTP 429 with a wait longer than `maxRetryAfterMs`, or still 429 after the retries. */
  | 'rate-limited'
  /** Too many messages were waiting for a slow service; this one was dropped unsent. */
  | 'queue-full';

/**
 * A notification or a server report was not delivered. An observer's `onEvent` (or `flush`)
 * rejects with it, so `Config`'s log writes it at `error`; the run is never affected. Its message
 * says what the service answered and how to fix it, and never contains a token or a webhook URL.
 *
 * @example
 * ```ts
 * const log: Log = {
 *   level: 'error',
 *   write: (r) => { if (r.error instanceof NotifyDeliveryError) alerts.push(r.error.status); },
 * };
 * new Config({ notify: new TelegramNotify({ token, chatId }), log });
 * ```
 */
export class NotifyDeliveryError extends DotflowError {
  public constructor(
    /** The service the message or report went to. */
    public readonly service: NotifyService,
    /** Why it was given up. */
    public readonly kind: DeliveryFailureKind,
    message: string,
    /** The last HTTP status the service answered, if it answered. */
    public readonly status: number | undefined,
    /** How many requests were made. */
    public readonly attempts: number,
  ) {
    super(message);
  }
}
