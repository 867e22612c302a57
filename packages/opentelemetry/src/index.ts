// The public entry of @dotflow/opentelemetry: named exports only.
export { OpenTelemetryTracer, type OpenTelemetryTracerOptions } from './opentelemetry.tracer';
export { OpenTelemetryMetrics, DotflowMetric, type OpenTelemetryMetricsOptions } from './opentelemetry.metrics';
export { OpenTelemetryLog, type OpenTelemetryLogOptions } from './opentelemetry.log';
export { DotflowAttribute, DotflowSpanEvent } from './attributes';
export { InvalidOpenTelemetryOptionsError } from './errors/invalid-opentelemetry-options.error';
export { FlushTimeoutError } from './errors/flush-timeout.error';
export { SCOPE_NAME, VERSION } from './version';
