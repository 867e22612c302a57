/**
 * The version of `@dotflow/opentelemetry`, given to `getTracer` / `getMeter` / `getLogger` as the
 * instrumentation scope's version (a test checks it matches `package.json`).
 *
 * @example
 * ```ts
 * import { VERSION } from '@dotflow/opentelemetry';
 * console.log(`@dotflow/opentelemetry ${VERSION}`);
 * ```
 */
export const VERSION = '0.1.0';

/**
 * The instrumentation scope name of every tracer, meter and logger this package asks for.
 *
 * @example
 * ```ts
 * // in a span processor or a metric view: select what Dotflow recorded
 * span.instrumentationScope.name === SCOPE_NAME;
 * ```
 */
export const SCOPE_NAME = '@dotflow/opentelemetry';
