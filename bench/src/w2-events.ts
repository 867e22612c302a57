import type { DotFlow } from '@dotflow/core';
import { coldVariant } from './cold';
import { asyncFns, checkFloor, handChain, syncFns } from './floors';
import { STEP_TARGET, US_PER_STEP } from './targets';
import { expectEqual, type Case, type Variant, type Workload } from './workload';

/**
 * W2 — W1 with the events observed: `flow.events$.subscribe(() => { count++ })` around
 * `start()`, or one `run$()` subscription per run. Every task emits `In progress` and
 * `Completed`, the workflow two events: 2n + 2 events per run. The target (< 5 µs per
 * step with events subscribed) is this workload. `*-10x`: 10,000 steps; `*-cold-*`: first run of a
 * fresh process.
 */
function observed(via: 'events' | 'run', kind: 'sync' | 'async', scale: 1 | 10 = 1): Variant {
  return {
    name: scale === 1 ? `${via}-${kind}` : `${via}-${kind}-${scale}x`,
    floor: 'async chain',
    unit: US_PER_STEP,
    target: STEP_TARGET,
    reps: scale === 1 ? { full: 400, quick: 40 } : { full: 60, quick: 8 },
    warmup: scale === 1 ? { full: 100, quick: 20 } : { full: 10, quick: 3 },
    comparable: true,
    prepare({ steps }, { kit: { asSteps, buildFlow, checkRun } }): Case {
      const n = steps * scale;
      const fns = kind === 'sync' ? syncFns(n) : asyncFns(n);
      const flow = buildFlow(asSteps(fns, 's'), `bench-w2-${via}-${kind}`);
      let count = 0;
      const subscription = via === 'events' ? flow.events$.subscribe(() => { count++; }) : undefined;
      const subject = via === 'events' ? () => flow.start() : () => runStream(flow, () => { count++; });
      return {
        perRun: n,
        subject,
        baseline: () => handChain(fns),
        async check() {
          const before = count;
          await subject();
          expectEqual('events per run', count - before, 2 * n + 2);
          checkRun(flow, n);
          checkFloor(await handChain(fns), n);
        },
        dispose: () => subscription?.unsubscribe(),
      };
    },
  };
}

/** One run through `run$()`: resolves when the stream completes. */
function runStream(flow: DotFlow, next: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    flow.run$().subscribe({ next, error: reject, complete: resolve });
  });
}

export const w2: Workload = {
  id: 'W2',
  title: 'sequential trivial steps, events subscribed',
  variants: [
    observed('events', 'sync'),
    observed('events', 'async'),
    observed('run', 'sync'),
    observed('run', 'async'),
    observed('events', 'sync', 10),
    observed('events', 'async', 10),
    coldVariant('events-cold-sync', 'sync', true),
    coldVariant('events-cold-async', 'async', true),
  ],
};
