import { w0 } from './w0-calibration';
import { w1 } from './w1-sequential';
import { w2 } from './w2-events';
import { w3 } from './w3-parallel';
import { w4 } from './w4-checkpoints';
import { w5 } from './w5-retry';
import { w6 } from './w6-timeout';
import { w7 } from './w7-memory';
import { w8 } from './w8-fresh-flow';
import { w9 } from './w9-scale';
import { w10 } from './w10-providers';
import type { Variant, Workload } from './workload';

/**
 * Every workload, in run order. To add one, write `bench/src/wN-name.ts` exporting a
 * {@link Workload} whose variants return a subject, a floor and a self-check, then list it here.
 */
export const WORKLOADS: readonly Workload[] = [w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10];

/** A variant's filter key, e.g. `w2/events-sync`. */
export const keyOf = (workload: Workload, variant: Variant): string => `${workload.id}/${variant.name}`.toLowerCase();

/**
 * True when no filter is given, or one filter names the workload (`W2`), the variant
 * (`W2/events-sync`) or a prefix of a variant path (`W2/events`).
 */
export function selected(workload: Workload, variant: Variant, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  const key = keyOf(workload, variant);
  return filters.some((raw) => {
    const f = raw.toLowerCase();
    return key === f || key.startsWith(`${f}/`) || (f.includes('/') && key.startsWith(f));
  });
}
