import type { Clock } from '@dotflow/core';
import type { DeliveryFailureKind } from '../errors/notify-delivery.error';
import type { ResolvedDelivery } from '../options/notify-options';
import { retryAfterMs } from './retry-after';

/** One HTTP request of a notifier or server reporter. @internal */
export interface HttpRequest {
  readonly method: 'POST' | 'PATCH';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A 2xx answer. @internal */
export interface Delivered {
  readonly ok: true;
  readonly status: number;
  readonly text: string;
  readonly attempts: number;
}

/** A request given up: why, and what the service answered last (never the request's URL). @internal */
export interface Undelivered {
  readonly ok: false;
  readonly kind: DeliveryFailureKind;
  readonly attempts: number;
  /** The last HTTP status, when the service answered. */
  readonly status?: number;
  /** The last answer's body. */
  readonly text?: string;
  /** A network error's code (`ECONNREFUSED`, `UND_ERR_SOCKET`…). */
  readonly code?: string;
  /** With `rate-limited`: the wait the service asked for. */
  readonly retryAfterMs?: number;
  /** With `timeout`: the last attempt's limit (`timeoutMs`, or less when `deadlineMs` cut it). */
  readonly timeoutMs?: number;
  /** True when retries were left but `deadlineMs` was not. */
  readonly outOfTime?: boolean;
}

/** What {@link deliver} resolves with. @internal */
export type Outcome = Delivered | Undelivered;

/** Longest wait between two attempts (backoff or `Retry-After`). */
const MAX_BACKOFF_MS = 30_000;

interface Answer {
  readonly type: 'answer';
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

/**
 * Sends `request` with global `fetch`: each attempt bounded by `timeoutMs`; a network error, a
 * timeout, a 429 (after the wait it asks for, if at most `maxRetryAfterMs`) and a 5xx are retried
 * with a doubling backoff, up to `retries` times; another 4xx is not. All of it within
 * `deadlineMs` (on `clock`): an attempt gets at most what is left, and no retry starts once its
 * wait would use it up. Never rejects.
 * @internal
 */
export async function deliver(request: HttpRequest, policy: ResolvedDelivery): Promise<Outcome> {
  const { clock } = policy;
  const end = clock.now() + policy.deadlineMs;
  for (let attempts = 1; ; attempts++) {
    const limit = Math.max(1, Math.min(policy.timeoutMs, Math.ceil(end - clock.now())));
    const answer = await attempt(request, limit);
    if (answer.type === 'answer' && answer.status >= 200 && answer.status < 300) {
      return { ok: true, status: answer.status, text: answer.text, attempts };
    }
    const failure = failureOf(answer, attempts, limit);
    if (answer.type === 'answer' && answer.status < 500 && answer.status !== 429) return failure; // not retried
    if (attempts > policy.retries) return failure;
    let wait = Math.min(policy.retryDelayMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    if (failure.retryAfterMs !== undefined) {
      if (failure.retryAfterMs > policy.maxRetryAfterMs) return failure;
      wait = Math.min(failure.retryAfterMs, MAX_BACKOFF_MS);
    }
    if (clock.now() + wait >= end) return { ...failure, outOfTime: true };
    await sleep(clock, wait);
  }
}

function failureOf(answer: Answer | Broken, attempts: number, timeoutMs: number): Undelivered {
  if (answer.type === 'broken') {
    return { ok: false, kind: answer.kind, attempts, ...(answer.code === undefined ? {} : { code: answer.code }), ...(answer.kind === 'timeout' ? { timeoutMs } : {}) };
  }
  if (answer.status !== 429) return { ok: false, kind: 'http', attempts, status: answer.status, text: answer.text };
  const asked = retryAfterMs(answer.headers, answer.text, Date.now());
  return { ok: false, kind: 'rate-limited', attempts, status: 429, text: answer.text, ...(asked === undefined ? {} : { retryAfterMs: asked }) };
}

interface Broken {
  readonly type: 'broken';
  readonly kind: 'timeout' | 'network';
  readonly code: string | undefined;
}

async function attempt(request: HttpRequest, timeoutMs: number): Promise<Answer | Broken> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text(); // read to the end, so the connection is reused
    return { type: 'answer', status: response.status, text, headers: response.headers };
  } catch (error) {
    return { type: 'broken', kind: nameOf(error) === 'TimeoutError' ? 'timeout' : 'network', code: codeOf(error) };
  }
}

/** Waits `ms` on `clock` (a referenced timer: a retry in flight is part of what `flush()` awaits). */
function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

function nameOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
}

/**
 * A network error's code, from the error or its cause: only a code-shaped string (`ECONNREFUSED`),
 * never a message, which may quote the URL (and so the token).
 */
function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
  }
  return undefined;
}
