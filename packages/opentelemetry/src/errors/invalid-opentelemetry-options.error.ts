import { DotflowError } from '@dotflow/core';

/**
 * An option given to `OpenTelemetryTracer`, `OpenTelemetryMetrics` or `OpenTelemetryLog` is out of
 * range; thrown by the constructor, before anything is recorded.
 *
 * @example
 * ```ts
 * new OpenTelemetryTracer({ maxOpenRuns: 0 });
 * // InvalidOpenTelemetryOptionsError: new OpenTelemetryTracer(): "maxOpenRuns" must be an integer ≥ 1, got 0; …
 * ```
 */
export class InvalidOpenTelemetryOptionsError extends DotflowError {
  public constructor(
    /** The class whose constructor refused the option. */
    public readonly owner: string,
    /** The option's name. */
    public readonly option: string,
    expected: string,
    value: unknown,
  ) {
    super(`new ${owner}(): "${option}" must be ${expected}, got ${describe(value)}; pass such a value, or leave it out for the default.`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}
