import type { ActionFunction, StepContext } from '@dotflow/core';
import { syncFns, type Value } from './floors';
import { ratioAtMost, US_PER_STEP } from './targets';
import { expectEqual, type Build, type Case, type Variant, type Workload } from './workload';

/** The next value of the chain, whatever the step's position: what one step added n times computes. */
function nextValue(prev: Value | null): Value {
  const i = prev === null ? 0 : prev.i + 1;
  return { i, sum: (prev?.sum ?? 0) + i };
}

/**
 * W9 — scale: a fresh flow of 100,000 trivial sync steps (100 × `--steps`) built (`action()`
 * wrappers made, `task.add` one at a time) and run once, per step, against 10 fresh flows of
 * 10,000 steps built and run one after the other: the same number of steps, so a ratio of 1.00×
 * is linear. `distinct`: 100,000 different steps (`s0`, `s1`…); `same-step`: one step added
 * 100,000 times (ids `step`, `step#2`…, which the allocator used to find in quadratic time).
 */
function scale(shape: 'distinct' | 'same-step'): Variant {
  return {
    name: shape,
    floor: '10 × the 10,000-step flow',
    unit: US_PER_STEP,
    target: ratioAtMost(1.3),
    reps: { full: 12, quick: 2 },
    warmup: { full: 1, quick: 1 },
    prepare({ steps }, build: Build): Case {
      const big = steps * 100;
      const small = steps * 10;
      const { action } = build.core;
      const { asSteps, buildFlow, checkRun } = build.kit;
      const same = action({ name: 'step' }, ({ previousContext }: StepContext<Value | null>) => nextValue(previousContext.storage));
      const fns = syncFns(big);
      let runs = 0;
      const stepsOf = (n: number): ActionFunction[] => (shape === 'distinct' ? asSteps(fns.slice(0, n), 's') : Array.from({ length: n }, () => same));
      /** Builds and runs one flow of `n` steps (the wrappers made anew for `distinct`); resolves with it. */
      const once = async (n: number) => {
        const flow = buildFlow(stepsOf(n), `bench-w9-${shape}-${++runs}`);
        await flow.start();
        return flow;
      };
      return {
        perRun: big,
        subject: () => once(big),
        baseline: async () => {
          for (let i = 0; i < big / small; i++) await once(small);
        },
        async check() {
          for (const n of [small, big]) {
            const flow = await once(n);
            checkRun(flow, n);
            const last = flow.resultTask()[n - 1]?.taskId;
            expectEqual('last task id', last, shape === 'distinct' ? `s${n - 1}` : `step#${n}`);
          }
        },
      };
    },
  };
}

export const w9: Workload = {
  id: 'W9',
  title: 'scale: 100,000 steps built and run, against 10 × 10,000',
  variants: [scale('distinct'), scale('same-step')],
};
