import { coldVariant } from './cold';
import { asyncFns, checkFloor, handChain, syncFns } from './floors';
import { STEP_TARGET, US_PER_STEP } from './targets';
import type { Variant, Workload } from './workload';

/**
 * W1 — per-step overhead of 1,000 trivial sequential steps, nobody subscribed, logging off:
 * `await flow.start()` on a built `DotFlow`, against a hand-written async chain of the same
 * functions (`for (const f of fns) prev = await f(prev)`). `*-10x`: 10,000 steps (per-step cost
 * grows with the workflow: every task's record and checkpoint live until the next run, so GC
 * copies them). `cold-*`: the first run of a fresh process, against the floor's first run.
 */
function sequential(kind: 'sync' | 'async', scale: 1 | 10 = 1): Variant {
  return {
    name: scale === 1 ? kind : `${kind}-${scale}x`,
    floor: 'async chain',
    unit: US_PER_STEP,
    target: STEP_TARGET,
    reps: scale === 1 ? { full: 400, quick: 40 } : { full: 60, quick: 8 },
    warmup: scale === 1 ? { full: 100, quick: 20 } : { full: 10, quick: 3 },
    comparable: true,
    prepare({ steps }, { kit: { asSteps, buildFlow, checkRun } }) {
      const n = steps * scale;
      const fns = kind === 'sync' ? syncFns(n) : asyncFns(n);
      const flow = buildFlow(asSteps(fns, 's'), `bench-w1-${kind}`);
      return {
        perRun: n,
        subject: () => flow.start(),
        baseline: () => handChain(fns),
        async check() {
          await flow.start();
          checkRun(flow, n);
          checkFloor(await handChain(fns), n);
        },
      };
    },
  };
}

export const w1: Workload = {
  id: 'W1',
  title: 'sequential trivial steps, no subscriber',
  variants: [
    sequential('sync'),
    sequential('async'),
    sequential('sync', 10),
    coldVariant('cold-sync', 'sync', false),
    coldVariant('cold-async', 'async', false),
  ],
};
