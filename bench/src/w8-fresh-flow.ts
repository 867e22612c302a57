import type { ActionFunction, DotFlow, StepContext } from '@dotflow/core';
import { asyncFns, checkFloor, handChain, syncFns, type AsyncFn, type SyncFn, type Value } from './floors';
import { medianAtMost, US_PER_STEP } from './targets';
import { expectEqual, type Build, type Case, type Variant, type Workload } from './workload';

/**
 * The reference (Python Dotflow 1.0.1, logging off) measured 37.4 µs per step for a fresh flow of
 * 1,000 steps built and run once; the target is 10 × faster. A recorded figure: it cannot run here.
 */
const REFERENCE_US = 37.4;
const TARGET = medianAtMost(Math.round((REFERENCE_US / 10) * 100) / 100, 'µs');

const nowNs = (): bigint => process.hrtime.bigint();

/** One request's flow: a new `DotFlow`, `n` fresh `action()` wrappers added one by one, `events$` subscribed. */
interface Request {
  readonly flow: DotFlow;
  /** Events seen so far. */
  readonly seen: () => number;
  readonly close: () => void;
}

function buildRequest(build: Build, fns: readonly (SyncFn | AsyncFn)[], id: string): Request {
  const { action, DotFlow: DotFlowClass } = build.core;
  const flow = new DotFlowClass({ config: build.kit.silentConfig(), workflowId: id, name: 'bench' });
  for (let i = 0; i < fns.length; i++) {
    const f = fns[i] as SyncFn | AsyncFn;
    const step: ActionFunction = action({ name: `s${i}` }, ({ previousContext }: StepContext<Value | null>) => f(previousContext.storage));
    flow.task.add({ step });
  }
  let count = 0;
  const subscription = flow.events$.subscribe(() => { count++; });
  return { flow, seen: () => count, close: () => subscription.unsubscribe() };
}

/** Throws unless the request's last run completed with the chain's sum and its 2n + 2 events. */
function checkRequest(build: Build, request: Request, n: number, runs: number): void {
  build.kit.checkRun(request.flow, n);
  expectEqual('events seen', request.seen(), runs * (2 * n + 2));
}

/** The floor's build: one closure per function, as `action()` wraps each (the chain then runs them). */
const handBuild = (fns: readonly (SyncFn | AsyncFn)[]): (SyncFn | AsyncFn)[] =>
  fns.map((f) => ((prev: Value | null) => f(prev)) as SyncFn | AsyncFn);

type Part = 'all' | 'build' | 'first-run' | 'second-run';

/**
 * W8 — a fresh flow per request: a new `DotFlow`, 1,000 new `action()` wrappers, `task.add` of
 * each, `events$` subscribed and the first `start()`, per step, against the same chain by hand
 * (a closure made per function, then the async chain). `build`, `first-run` and `second-run`
 * time one part each (the rest untimed): the build alone, the first run of a freshly built flow,
 * and a second run of the same flow (the steady state that W1/W2 time).
 */
function fresh(part: Part, kind: 'sync' | 'async'): Variant {
  return {
    name: part === 'all' ? `fresh-${kind}` : `${part}-${kind}`,
    floor: part === 'build' ? 'a closure per function' : part === 'all' ? 'closures + async chain' : 'async chain',
    unit: US_PER_STEP,
    ...(part === 'all' && kind === 'sync' ? { target: TARGET } : {}),
    reps: { full: 200, quick: 20 },
    warmup: { full: 40, quick: 8 },
    comparable: true,
    prepare({ steps: n }, build): Case {
      const fns = kind === 'sync' ? syncFns(n) : asyncFns(n);
      let requests = 0;
      const id = (): string => `bench-w8-${kind}-${++requests}`;
      /** One request, its `part` timed: resolves with the ns of that part. */
      const dotflow = async (): Promise<number> => {
        const t0 = nowNs();
        const request = buildRequest(build, fns, id());
        const t1 = nowNs();
        await request.flow.start();
        const t2 = nowNs();
        let t3 = t2;
        if (part === 'second-run') {
          await request.flow.start();
          t3 = nowNs();
        }
        request.close();
        return Number(part === 'all' ? t2 - t0 : part === 'build' ? t1 - t0 : part === 'first-run' ? t2 - t1 : t3 - t2);
      };
      const floor = async (): Promise<number> => {
        const t0 = nowNs();
        const chain = handBuild(fns);
        const t1 = nowNs();
        const value = await handChain(chain);
        const t2 = nowNs();
        let t3 = t2;
        if (part === 'second-run') {
          await handChain(chain);
          t3 = nowNs();
        }
        checkFloor(value, n);
        return Number(part === 'all' ? t2 - t0 : part === 'build' ? t1 - t0 : part === 'first-run' ? t2 - t1 : t3 - t2);
      };
      return {
        perRun: n,
        selfTimed: true,
        subject: dotflow,
        baseline: floor,
        async check() {
          const request = buildRequest(build, fns, id());
          await request.flow.start();
          checkRequest(build, request, n, 1);
          await request.flow.start();
          checkRequest(build, request, n, 2);
          request.close();
          await floor();
        },
      };
    },
  };
}

export const w8: Workload = {
  id: 'W8',
  title: 'a fresh flow per request: new DotFlow, action() wrappers, task.add, events$, first start()',
  variants: [
    fresh('all', 'sync'),
    fresh('all', 'async'),
    fresh('build', 'sync'),
    fresh('first-run', 'sync'),
    fresh('second-run', 'sync'),
  ],
};
