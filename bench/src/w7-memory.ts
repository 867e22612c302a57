import { join } from 'node:path';
import { runChild } from './child-run';
import { medianAtMost, MIB } from './targets';
import type { Case, Workload } from './workload';

const CHILD = join(__dirname, 'child.js');

/**
 * One `child.js memory <side> <n> [CORE_DIR]` run (on the build in `core`, else this checkout's):
 * resolves with its peak RSS in bytes (the child checks its run).
 */
async function peakRss(side: 'dotflow' | 'floor', n: number, core?: string): Promise<number> {
  return Number((await runChild(CHILD, ['memory', side, String(n), ...(core === undefined ? [] : [core])])).stdout);
}

/**
 * W7 — peak memory: a fresh process runs a 10,000-step (10 × `--steps`) sequential workflow of
 * trivial sync steps once, then reports its peak RSS (`process.resourceUsage().maxRSS`), against
 * a fresh process that runs the same functions chained by hand, keeping every result in an array
 * (as Dotflow keeps every task's context) and never loading Dotflow. Target: ≤ 53.6 MiB.
 */
export const w7: Workload = {
  id: 'W7',
  title: 'peak memory of a fresh process',
  variants: [
    {
      name: 'sync-10x',
      floor: 'chain by hand keeping every result',
      unit: MIB,
      target: medianAtMost(53.6, 'MiB'),
      reps: { full: 10, quick: 2 },
      warmup: { full: 0, quick: 0 },
      comparable: true,
      prepare({ steps }, { dir }): Case {
        const n = steps * 10;
        return {
          perRun: 1,
          selfTimed: true,
          subject: () => peakRss('dotflow', n, dir),
          baseline: () => peakRss('floor', n),
          async check() {
            await peakRss('dotflow', n, dir);
            await peakRss('floor', n);
          },
        };
      },
    },
  ],
};
