import { trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { FlushTimeoutError, OpenTelemetryLog, OpenTelemetryMetrics, OpenTelemetryTracer, SCOPE_NAME, VERSION } from '@dotflow/opentelemetry';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testTracing } from './harness';

/** A provider with a forceFlush of our choosing (and the API's no-op tracer). */
function flushable(forceFlush: (options?: { timeoutMillis?: number }) => Promise<void>): TracerProvider & { forceFlush: jest.Mock } {
  const noop = trace.getTracerProvider();
  return { getTracer: (name: string): Tracer => noop.getTracer(name), forceFlush: jest.fn(forceFlush) };
}

describe('flush() and close()', () => {
  afterEach(() => trace.disable());

  it('call the provider\'s forceFlush with the observer\'s timeout (the SDK would wait 30 s on a timer of its own)', async () => {
    const provider = flushable(() => Promise.resolve());
    const tracer = new OpenTelemetryTracer({ tracerProvider: provider, flushTimeoutMs: 250 });
    await tracer.flush();
    await tracer.close();
    expect(provider.forceFlush).toHaveBeenCalledTimes(2);
    expect(provider.forceFlush).toHaveBeenCalledWith({ timeoutMillis: 260 });
  });

  it('reach the SDK provider behind the global API proxy', async () => {
    const tracing = testTracing();
    const forceFlush = jest.spyOn(tracing.provider, 'forceFlush');
    trace.setGlobalTracerProvider(tracing.provider);
    await new OpenTelemetryTracer().flush();
    expect(forceFlush).toHaveBeenCalledTimes(1);
    await tracing.provider.shutdown();
  });

  it('resolve at once for providers without forceFlush (the API\'s no-ops)', async () => {
    await expect(new OpenTelemetryTracer().flush()).resolves.toBeUndefined();
    await expect(new OpenTelemetryMetrics().close()).resolves.toBeUndefined();
    await expect(new OpenTelemetryLog().close()).resolves.toBeUndefined();
  });

  it('reject as forceFlush rejects, and with FlushTimeoutError when it never settles', async () => {
    const broken = new Error('collector refused');
    await expect(new OpenTelemetryTracer({ tracerProvider: flushable(() => Promise.reject(broken)) }).flush()).rejects.toBe(broken);
    const hanging = new OpenTelemetryTracer({ tracerProvider: flushable(() => new Promise<void>(() => undefined)), flushTimeoutMs: 10 });
    const error: unknown = await hanging.flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlushTimeoutError);
    expect(error).toMatchObject({ owner: 'OpenTelemetryTracer', timeoutMs: 10, name: 'FlushTimeoutError' });
  });
});

it('VERSION is the package\'s version, and the scope is the package\'s name', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };
  expect(VERSION).toBe(pkg.version);
  expect(SCOPE_NAME).toBe(pkg.name);
});
