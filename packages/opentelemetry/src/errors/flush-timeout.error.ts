import { DotflowError } from '@dotflow/core';

/**
 * A provider's `forceFlush()` did not settle within the observer's `flushTimeoutMs`: `flush()` and
 * `close()` reject with this (the `Config` that called them logs it and moves on), and the provider
 * keeps exporting in the background. Usually an exporter whose endpoint does not answer.
 *
 * @example
 * ```ts
 * const tracer = new OpenTelemetryTracer({ tracerProvider, flushTimeoutMs: 2_000 });
 * await tracer.flush().catch((e) => { if (e instanceof FlushTimeoutError) console.warn(e.message); });
 * ```
 */
export class FlushTimeoutError extends DotflowError {
  public constructor(
    /** The observer whose flush gave up (`OpenTelemetryTracer`…). */
    public readonly owner: string,
    /** How long it waited, in ms. */
    public readonly timeoutMs: number,
  ) {
    super(
      `${owner}: the provider's forceFlush() did not settle within ${timeoutMs} ms; check that its exporter's endpoint answers, or raise "flushTimeoutMs".`,
    );
  }
}
