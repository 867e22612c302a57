import { FlushTimeoutError } from '../errors/flush-timeout.error';

/** What a provider may offer: the SDK's providers have `forceFlush`, the API's proxies a delegate. */
interface Flushable {
  forceFlush?(options?: { timeoutMillis?: number }): Promise<void>;
  getDelegate?(): unknown;
  _getDelegate?(): unknown;
}

/**
 * The provider behind the API's proxies: `trace.getTracerProvider()` is a `ProxyTracerProvider`
 * (`getDelegate()`), `logs.getLoggerProvider()` a `ProxyLoggerProvider` (`_getDelegate()`); the
 * SDK provider registered behind one is the one that can flush.
 */
export function unwrapProvider(provider: unknown): unknown {
  let current = provider;
  for (let depth = 0; depth < 4; depth++) {
    const p = current as Flushable | null | undefined;
    if (p === null || p === undefined || typeof p.forceFlush === 'function') return current;
    const next = typeof p.getDelegate === 'function' ? p.getDelegate() : typeof p._getDelegate === 'function' ? p._getDelegate() : undefined;
    if (next === undefined || next === current) return current;
    current = next;
  }
  return current;
}

/** How much longer than ours the SDK's own flush timeout is. */
const SDK_MARGIN_MS = 10;

/**
 * Calls the provider's `forceFlush()` if it has one (the API's no-op providers have none), waiting
 * at most `timeoutMs` on an unref'd timer (the SDK's providers get it as `timeoutMillis`). Rejects with {@link FlushTimeoutError} on expiry, or as
 * `forceFlush()` rejected.
 */
export async function forceFlushWithin(provider: unknown, owner: string, timeoutMs: number): Promise<void> {
  const target = unwrapProvider(provider) as Flushable | null | undefined;
  if (typeof target?.forceFlush !== 'function') return;
  // The SDK's providers wait 30 s by default, on a timer that keeps the process alive: give them
  // ours, a little longer, so that ours fires first (and says what timed out).
  const flushing = target.forceFlush({ timeoutMillis: timeoutMs + SDK_MARGIN_MS });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FlushTimeoutError(owner, timeoutMs)), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([flushing, expired]);
  } finally {
    clearTimeout(timer);
  }
}
