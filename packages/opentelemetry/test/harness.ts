import 'reflect-metadata';
import { context, type ContextManager, type HrTime } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

// The same helpers as core's tests: a recording log, a quiet config, a flow on a child container.
export { RecordingLog, newFlow, quietConfig } from '../../core/test/helpers';

/** A tracer provider that keeps finished spans in memory, and its exporter. */
export interface TestTracing {
  readonly provider: BasicTracerProvider;
  readonly exporter: InMemorySpanExporter;
  /** Finished spans, in the order they ended. */
  spans(): ReadableSpan[];
  /** The one finished span named `name` (throws when there are none or several). */
  span(name: string): ReadableSpan;
  /** The finished spans whose parent is `parent`. */
  childrenOf(parent: ReadableSpan): ReadableSpan[];
}

/**
 * A `BasicTracerProvider` with an in-memory exporter behind a `SimpleSpanProcessor` (plus any
 * other processors given). Nothing global is set: pass `tracing.provider` to the tracer.
 */
export function testTracing(more: readonly SpanProcessor[] = [], exporter = new InMemorySpanExporter()): TestTracing {
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), ...more] });
  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  return {
    provider,
    exporter,
    spans,
    span(name) {
      const found = spans().filter((s) => s.name === name);
      if (found.length !== 1) throw new Error(`expected one span "${name}", found ${found.length}: ${spans().map((s) => s.name).join(', ')}`);
      return found[0] as ReadableSpan;
    },
    childrenOf(parent) {
      return spans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);
    },
  };
}

/** A span's start and end in ms since the epoch. */
export function times(span: ReadableSpan): [number, number] {
  return [ms(span.startTime), ms(span.endTime)];
}

/** An `HrTime` in ms since the epoch. */
export function ms([seconds, nanos]: HrTime): number {
  return seconds * 1000 + nanos / 1e6;
}

/**
 * Installs an `AsyncLocalStorageContextManager` as the global context manager for each test of
 * the file (the API's `context.with` needs one to propagate; the app installs it, not Dotflow),
 * and removes it after.
 */
export function useContextManager(): void {
  let manager: ContextManager | undefined;
  beforeEach(() => {
    manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
  });
  afterEach(() => {
    context.disable();
    manager?.disable();
  });
}

/** An exporter whose `export` never calls back (an endpoint that does not answer). */
export class HangingExporter implements SpanExporter {
  public exported = 0;
  public export(): void {
    this.exported++;
  }
  public shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** An exporter whose `export` throws. */
export class ThrowingExporter implements SpanExporter {
  public export(): void {
    throw new Error('exporter down');
  }
  public shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A span processor whose hooks throw. */
export class ThrowingProcessor implements SpanProcessor {
  public constructor(private readonly on: 'start' | 'end') {}
  public onStart(): void {
    if (this.on === 'start') throw new Error('processor onStart down');
  }
  public onEnd(): void {
    if (this.on === 'end') throw new Error('processor onEnd down');
  }
  public forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  public shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
