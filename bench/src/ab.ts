import { pairedRatio, summarize, type Summary } from './stats';

/** One timed run; resolves when the run is over. */
export type RunFn = () => Promise<unknown>;

export interface AbOptions {
  /** Untimed runs of each side first, so both are optimised by the JIT before timing. */
  readonly warmup: number;
  /** Timed pairs. */
  readonly reps: number;
  /** Divides a run's wall time: 1,000 for "per step" of a 1,000-step run. */
  readonly perRun: number;
  /** Nanoseconds per reported unit: 1e3 for µs, 1e9 for s. */
  readonly nsPerUnit: number;
  /** The run functions resolve with their own time in ns (see `Case.selfTimed`). */
  readonly selfTimed?: boolean;
}

export interface AbResult {
  /** In the reported unit, per `perRun`. */
  readonly subject: Summary;
  readonly baseline: Summary;
  /** Median of per-pair ratios subject / baseline. */
  readonly ratio: number;
}

const now = (): bigint => process.hrtime.bigint();
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function timeOne(fn: RunFn, scale: number, selfTimed: boolean): Promise<number> {
  const t0 = now();
  const own = await fn();
  const ns = Number(now() - t0);
  if (!selfTimed) return ns / scale;
  if (typeof own !== 'number') throw new Error(`a self-timed run resolved with ${String(own)}, not a number (of ns, or of the unit's base quantity)`);
  return own / scale;
}

/**
 * Times `subject` and `baseline` alternately (A B, B A, A B, …) so machine drift, turbo and GC
 * pressure affect both sides alike, and neither always runs first.
 */
export async function abCompare(subject: RunFn, baseline: RunFn, options: AbOptions): Promise<AbResult> {
  for (let i = 0; i < options.warmup; i++) {
    await subject();
    await baseline();
  }
  const scale = options.perRun * options.nsPerUnit;
  const self = options.selfTimed ?? false;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < options.reps; i++) {
    await tick(); // let pending macrotasks (timers, I/O callbacks) run outside the timed region
    if (i % 2 === 0) {
      a.push(await timeOne(subject, scale, self));
      b.push(await timeOne(baseline, scale, self));
    } else {
      b.push(await timeOne(baseline, scale, self));
      a.push(await timeOne(subject, scale, self));
    }
  }
  return { subject: summarize(a), baseline: summarize(b), ratio: pairedRatio(a, b) };
}
