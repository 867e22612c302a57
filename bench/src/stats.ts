/** Order statistics of a sample set; every figure in the table is one of these. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly mean: number;
}

/** The `q` quantile (0…1) of sorted samples, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((x, y) => x - y);
  let sum = 0;
  for (const s of sorted) sum += s;
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    min: sorted[0] ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
  };
}

/**
 * The median of the per-pair ratios `subject[i] / baseline[i]`. With interleaved runs a pair is
 * measured within a few milliseconds, so drift of the machine cancels out of each ratio.
 */
export function pairedRatio(subject: readonly number[], baseline: readonly number[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(subject.length, baseline.length); i++) {
    ratios.push((subject[i] as number) / (baseline[i] as number));
  }
  return summarize(ratios).median;
}
