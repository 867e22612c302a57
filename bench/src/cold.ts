import { join } from 'node:path';
import { runChild } from './child-run';
import { US_PER_STEP } from './targets';
import type { Case, Variant } from './workload';

const CHILD = join(__dirname, 'cold-child.js');

/**
 * Runs one cold run in a child process (on the build in `core`, else this checkout's); resolves
 * with the child's own timing in ns.
 */
async function coldRun(side: 'dotflow' | 'floor', kind: 'sync' | 'async', n: number, events: boolean, core?: string): Promise<number> {
  const { stdout } = await runChild(CHILD, [side, kind, String(n), events ? 'events' : 'silent', ...(core === undefined ? [] : [core])]);
  return Number(stdout);
}

/**
 * The first run of a fresh process (what a one-shot CLI run pays: no JIT warm-up), Dotflow's
 * against the floor's first run, each in its own process. The process start-up is not counted.
 */
export function coldVariant(name: string, kind: 'sync' | 'async', events: boolean): Variant {
  return {
    name,
    floor: 'async chain (cold)',
    unit: US_PER_STEP,
    reps: { full: 30, quick: 5 },
    warmup: { full: 1, quick: 1 },
    comparable: true,
    prepare({ steps: n }, { dir }): Case {
      return {
        perRun: n,
        selfTimed: true,
        subject: () => coldRun('dotflow', kind, n, events, dir),
        baseline: () => coldRun('floor', kind, n, events),
        async check() {
          await coldRun('dotflow', kind, n, events, dir); // the child checks its own result
        },
      };
    },
  };
}
