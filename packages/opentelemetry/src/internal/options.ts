import { InvalidOpenTelemetryOptionsError } from '../errors/invalid-opentelemetry-options.error';

/** `value` when it is an integer ≥ 1, `fallback` when undefined; throws naming the option otherwise. */
export function positiveInteger(owner: string, option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidOpenTelemetryOptionsError(owner, option, 'an integer ≥ 1', value);
  }
  return value;
}

/** `value` when it is a finite number ≥ 0 (ms), `fallback` when undefined; throws naming the option otherwise. */
export function nonNegativeMs(owner: string, option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidOpenTelemetryOptionsError(owner, option, 'a number of ms ≥ 0', value);
  }
  return value;
}

/** The default of every observer's `flushTimeoutMs`: below the `Config` queue's 10 s, so ours speaks first. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 5_000;
