import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { context } from '@opentelemetry/api';
import { Config, ConsoleLog, type DotFlow, type JsonLogLine } from '@dotflow/core';
import { OpenTelemetryMetrics, OpenTelemetryTracer } from '@dotflow/opentelemetry';
import { asSteps, asyncFns, buildFlow, checkRun, silentConfig, syncFns } from './steps';
import { ratioAtMost, US_PER_STEP } from './targets';
import { expectEqual, type Case, type Variant, type Workload } from './workload';
import { Scratch } from './scratch';

/**
 * W10 — providers on: W2's run (`n` trivial steps, `events$` subscribed, 2n + 2 events a run)
 * with a provider, against the same run with none (logging off), per step. The target (≤ 1.5×
 * per step) is PERF.md's "providers on" row.
 *
 * - `json-file-*`: `ConsoleLog({ level: 'info', output: 'file' })`, one JSON line per event in a
 *   file (the run history); each timed run ends with `log.flush()`, so every line it made is
 *   written inside the timed region (not by the flush timer between runs).
 * - `json-file-each-line-sync`: the same with `flushMs: 0`, one `write` per line (informative, no
 *   target).
 * - `default-log-sync`: the default log (`ConsoleLog()`, text at `warn`, nothing to write in a
 *   run that does not fail): what a level that is off costs (≈ 1.00×; target ≤ 1.1×).
 * - `otel-*`: `OpenTelemetryTracer` + `OpenTelemetryMetrics` on the SDK (a `BasicTracerProvider`
 *   with a `SimpleSpanProcessor` into an `InMemorySpanExporter`, reset after each run, the
 *   AsyncLocalStorage context manager; a `MeterProvider` whose reader is never collected during
 *   the timed runs): n + 1 spans and 2n + 1 metric records a run. Each timed run ends with
 *   `config.flush()`, so the observers' work is inside the timed region.
 *
 * The files live in a folder of this process under `bench/.data/` (gitignored), deleted when the
 * workload ends; a full run appends about 100 MB to each.
 */

const scratch = new Scratch('w10');
const scratchFolder = (name: string): string => scratch.folder(name);

/** The lines `path` got from byte `from` on, parsed: a line that is not whole JSON throws. */
function linesSince(path: string, from: number): JsonLogLine[] {
  const size = statSync(path).size;
  const bytes = Buffer.alloc(size - from);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, from);
  } finally {
    closeSync(fd);
  }
  const text = bytes.toString('utf8');
  expectEqual('log ends with a newline', text.endsWith('\n'), true);
  return text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as JsonLogLine);
}

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

type Kind = 'json-file' | 'json-file-each-line' | 'default-log';

/** The OpenTelemetry SDK parts one variant uses; `dispose()` shuts them down. */
function openTelemetry(): { config: Config; spans: InMemorySpanExporter; dispose: () => Promise<void> } {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const config = new Config({
    log: new ConsoleLog({ level: 'silent' }),
    tracer: new OpenTelemetryTracer({ tracerProvider }),
    metrics: new OpenTelemetryMetrics({ meterProvider }),
  });
  return {
    config,
    spans,
    dispose: async () => {
      await config.close();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

let contextManager: AsyncLocalStorageContextManager | undefined;

/** Nesting needs a context manager: the bench process registers one, as an app's SDK setup does. */
function withContextManager(): void {
  if (contextManager !== undefined) return;
  contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
}

function otel(steps: 'sync' | 'async'): Variant {
  return {
    name: `otel-${steps}`,
    floor: 'same run, no providers',
    unit: US_PER_STEP,
    target: ratioAtMost(1.5),
    reps: { full: 100, quick: 10 },
    warmup: { full: 20, quick: 3 },
    prepare({ steps: n }): Case {
      const fns = steps === 'sync' ? syncFns(n) : asyncFns(n);
      const actions = asSteps(fns, 's');
      withContextManager();
      const sdk = openTelemetry();
      const observed = (flow: DotFlow): DotFlow => {
        flow.events$.subscribe(() => undefined);
        return flow;
      };
      const traced = observed(buildFlow(actions, `bench-w10-otel-${steps}`, sdk.config));
      const bare = observed(buildFlow(actions, `bench-w10-bare-otel-${steps}`, silentConfig()));
      const subject = async (): Promise<void> => {
        await traced.start();
        await sdk.config.flush();
        sdk.spans.reset();
      };
      return {
        perRun: n,
        subject,
        baseline: () => bare.start(),
        async check() {
          await traced.start();
          await sdk.config.flush();
          checkRun(traced, n);
          const names = sdk.spans.getFinishedSpans().map((span) => span.name);
          expectEqual('spans per run', names.length, n + 1);
          expectEqual('the run span', names.filter((name) => name.startsWith('workflow:')).length, 1);
          sdk.spans.reset();
          await bare.start();
          checkRun(bare, n);
        },
        dispose: () => void sdk.dispose(),
      };
    },
  };
}

function providers(kind: Kind, steps: 'sync' | 'async'): Variant {
  return {
    name: `${kind}-${steps}`,
    floor: 'same run, no providers',
    unit: US_PER_STEP,
    // the default log's mark is W2's own (it must not move it); writing each line at once is informative
    ...(kind === 'json-file-each-line' ? {} : { target: ratioAtMost(kind === 'default-log' ? 1.1 : 1.5) }),
    reps: { full: 200, quick: 20 },
    warmup: { full: 40, quick: 5 },
    prepare({ steps: n }): Case {
      const fns = steps === 'sync' ? syncFns(n) : asyncFns(n);
      const actions = asSteps(fns, 's');
      const path = join(scratchFolder(kind), 'flow.log');
      const log = kind === 'default-log' ? new ConsoleLog() : new ConsoleLog({ level: 'info', output: 'file', path, ...(kind === 'json-file' ? {} : { flushMs: 0 }) });
      const observed = (flow: DotFlow): DotFlow => {
        flow.events$.subscribe(() => undefined);
        return flow;
      };
      const logged = observed(buildFlow(actions, `bench-w10-${kind}-${steps}`, new Config({ log })));
      const bare = observed(buildFlow(actions, `bench-w10-bare-${steps}`, silentConfig()));
      const subject = async (): Promise<void> => {
        await logged.start();
        log.flush();
      };
      return {
        perRun: n,
        subject,
        baseline: () => bare.start(),
        async check() {
          const before = sizeOf(path);
          await subject();
          checkRun(logged, n);
          if (kind !== 'default-log') {
            const lines = linesSince(path, before);
            expectEqual('log lines per run', lines.length, 2 * n + 2);
            expectEqual('last line', `${lines.at(-1)?.type} ${lines.at(-1)?.status}`, 'workflow Completed');
          }
          await bare.start();
          checkRun(bare, n);
        },
        dispose: () => log.close(),
      };
    },
  };
}

export const w10: Workload = {
  id: 'W10',
  title: 'providers on: W2 with a JSON file log, or OpenTelemetry tracer + metrics',
  variants: [
    providers('json-file', 'sync'),
    providers('json-file', 'async'),
    providers('json-file-each-line', 'sync'),
    providers('default-log', 'sync'),
    otel('sync'),
    otel('async'),
  ],
  dispose() {
    context.disable();
    contextManager = undefined;
    scratch.dispose();
  },
};
