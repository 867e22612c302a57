import type { Target, Unit } from './workload';

export const US_PER_STEP: Unit = { label: 'µs/step', nsPerUnit: 1e3 };

/**
 * PERF.md: < 5 µs per step with events subscribed (aim for 3). An absolute mark: PERF.md derives
 * it from a 1.2 µs floor, but the same floor measured warm here costs ~0.05 µs, so a ratio
 * reading of it (5 / 1.2 = 4.2×) would not be the same target. Both figures are printed.
 */
export const STEP_TARGET: Target = {
  label: '<5µs',
  met: (r) => r.subject.median < 5,
};
