import { asSteps, buildFlow, checkStatuses, sleep, type AsyncFn, type Value } from './steps';
import { MS_PER_RUN, ratioAtMost } from './targets';
import { expectEqual, type Case, type Variant, type Workload } from './workload';

/** The parallel target's workload: 100 async steps. */
const TASKS = 100;

/** Counts the steps in flight: a peak of n means all n were waiting at the same time. */
class InFlight {
  public active = 0;
  public peak = 0;

  public enter(): void {
    if (++this.active > this.peak) this.peak = this.active;
  }

  public leave(): void {
    this.active--;
  }

  public reset(): void {
    this.active = 0;
    this.peak = 0;
  }
}

/** `n` async functions that each wait `ms` on a timer, then return `{ i, sum: i }` (no previous value in parallel). */
function sleepFns(n: number, ms: number, gauge: InFlight): AsyncFn[] {
  return Array.from({ length: n }, (_, i): AsyncFn => async (prev) => {
    gauge.enter();
    await sleep(ms);
    gauge.leave();
    return { i, sum: (prev?.sum ?? 0) + i };
  });
}

/** Throws unless every result is its own index and every call overlapped every other. */
function checkParallel(side: string, values: readonly unknown[], gauge: InFlight): void {
  expectEqual(`${side}: results`, values.filter((v, i) => (v as Value | null)?.sum === i).length, TASKS);
  expectEqual(`${side}: steps in flight at once`, gauge.peak, TASKS);
}

/**
 * W3 — 100 async steps that each sleep `ms` (a timer), `start({ mode: 'parallel' })`, against
 * `Promise.all` of the same 100 functions. Wall time per run; the target is a ratio
 * (≤ 1.2× `Promise.all`). The self-check asserts every task `Completed` with its own result and
 * all 100 waiting at the same time, on both sides.
 */
function parallel(ms: number, reps: Variant['reps'], warmup: Variant['warmup']): Variant {
  return {
    name: `sleep-${ms}ms`,
    floor: 'Promise.all',
    unit: MS_PER_RUN,
    target: ratioAtMost(1.2),
    reps,
    warmup,
    prepare(): Case {
      const gauge = new InFlight();
      const fns = sleepFns(TASKS, ms, gauge);
      const flow = buildFlow(asSteps(fns, 'p'), `bench-w3-${ms}`);
      const baseline = (): Promise<Value[]> => Promise.all(fns.map((f) => f(null)));
      return {
        perRun: 1,
        subject: () => flow.start({ mode: 'parallel' }),
        baseline,
        async check() {
          gauge.reset();
          await flow.start({ mode: 'parallel' });
          checkStatuses(flow, TASKS);
          checkParallel('dotflow', flow.resultStorage(), gauge);
          gauge.reset();
          checkParallel('floor', await baseline(), gauge);
        },
      };
    },
  };
}

export const w3: Workload = {
  id: 'W3',
  title: `${TASKS} async sleeping steps, mode: 'parallel'`,
  variants: [
    parallel(10, { full: 200, quick: 20 }, { full: 20, quick: 5 }),
    parallel(100, { full: 20, quick: 3 }, { full: 2, quick: 1 }),
  ],
};
