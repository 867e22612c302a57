import type { AbResult, RunFn } from './ab';
import type { Core } from './core';
import type { DotflowSteps } from './dotflow-steps';

/** Command-line settings every workload sees. */
export interface Settings {
  /** `--quick`: fewer repetitions, for a smoke run (figures are indicative only). */
  readonly quick: boolean;
  /** `--steps=N`: the size of step-count workloads. @defaultValue 1000 */
  readonly steps: number;
  /** `--reps=N`: overrides every variant's timed pairs. */
  readonly reps: number | undefined;
  /** `--warmup=N`: overrides every variant's warm-up runs. */
  readonly warmup: number | undefined;
}

/** A pass mark, e.g. `< 5 µs` per step or `≤ 1.2×` the floor. */
export interface Target {
  /** Shown in the table, e.g. `<5µs`. */
  readonly label: string;
  met(result: AbResult): boolean;
}

/**
 * The unit of a row: what a run's wall time is divided by and how it is shown. A row may measure
 * a quantity other than time (e.g. `MiB` of peak memory): its variant is `selfTimed`, resolves
 * with the quantity in a base unit (bytes) and `nsPerUnit` is that base per unit (2^20 bytes).
 */
export interface Unit {
  /** e.g. `µs/step`, `s/run`, `MiB`. */
  readonly label: string;
  /** Nanoseconds per unit: 1e3 for µs, 1e9 for s (for a unit that is not a time, see above). */
  readonly nsPerUnit: number;
}

/** What a variant hands the runner once set up. */
export interface Case {
  /** Dotflow doing the work. */
  readonly subject: RunFn;
  /** The floor: the same work written by hand. */
  readonly baseline: RunFn;
  /** Divides one run's wall time (e.g. the number of steps). */
  readonly perRun: number;
  /**
   * True when `subject` and `baseline` time themselves and resolve with the nanoseconds to count
   * (e.g. the first run inside a child process, without the process start-up), or with the
   * quantity measured when the unit is not a time (bytes for `MiB`, see {@link Unit}).
   */
  readonly selfTimed?: boolean;
  /** Runs both sides once and throws when either gives a wrong result. */
  check(): Promise<void>;
  /** Releases what `prepare` made (subscriptions, folders). */
  dispose?(): void;
}

/**
 * The build of Dotflow a variant runs: this checkout's, or with `--baseline=DIR` another
 * checkout's, for the rows that compare the two (see {@link Variant.comparable}).
 */
export interface Build {
  /** `this checkout` or `baseline`. */
  readonly label: string;
  /** The built `packages/core` folder; `undefined` for this checkout's (as `@dotflow/core` resolves). */
  readonly dir: string | undefined;
  readonly core: Core;
  /** The bench's helpers (`asSteps`, `buildFlow`, `checkRun`…) on this build. */
  readonly kit: DotflowSteps;
}

/** One row of the table. */
export interface Variant {
  /** Short, no spaces: it is matched by the filter argument (`W2/events-sync`). */
  readonly name: string;
  /** What the floor is, for the table. */
  readonly floor: string;
  readonly unit: Unit;
  readonly target?: Target;
  /** Timed pairs (full run / `--quick`). */
  readonly reps: { readonly full: number; readonly quick: number };
  /** Untimed runs of each side before timing (full run / `--quick`). */
  readonly warmup: { readonly full: number; readonly quick: number };
  /**
   * True when the variant's Dotflow side runs on the `build` that `prepare` is given (every
   * variant of W1, W2, W7, W8): `--baseline=DIR` then also times this build's subject against the
   * baseline build's, interleaved, in a row of its own. Other variants run this checkout's.
   */
  readonly comparable?: boolean;
  prepare(settings: Settings, build: Build): Case | Promise<Case>;
}

/** A named workload: a few variants measured against the same floor. */
export interface Workload {
  /** `W1`, `W2`…: the filter argument matches it. */
  readonly id: string;
  readonly title: string;
  readonly variants: readonly Variant[];
  /**
   * Releases what the variants share (e.g. a scratch folder), once the last selected variant is
   * done: later variants of the workload still need it, or must not follow its removal.
   */
  dispose?(): void;
}

/** Throws when `actual` differs from `expected` (a benchmark of wrong work measures nothing). */
export function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`bench self-check failed: ${what} is ${String(actual)}, expected ${String(expected)}`);
  }
}
