import { asyncFns, checkFloor, handChain } from './steps';
import { US_PER_STEP } from './targets';
import type { Workload } from './workload';

/**
 * W0 — the floor against itself (A/A). Its ratio shows how far from 1.00× noise alone moves a
 * ratio on this machine; differences smaller than that in other rows mean nothing.
 */
export const w0: Workload = {
  id: 'W0',
  title: 'calibration: floor vs floor (A/A)',
  variants: [
    {
      name: 'a-a',
      floor: 'async chain',
      unit: US_PER_STEP,
      reps: { full: 300, quick: 30 },
      warmup: { full: 50, quick: 10 },
      prepare({ steps: n }) {
        const fns = asyncFns(n);
        return {
          perRun: n,
          subject: () => handChain(fns),
          baseline: () => handChain(fns),
          async check() {
            checkFloor(await handChain(fns), n);
          },
        };
      },
    },
  ],
};
