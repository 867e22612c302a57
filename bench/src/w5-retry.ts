import { action } from '@dotflow/core';
import { buildFlow, checkStatuses, sleep } from './steps';
import { medianAtMost, MS_PER_RUN } from './targets';
import type { RunFn } from './ab';
import { expectEqual, type Case, type Workload } from './workload';

/** The retry target's workload: a step that fails twice, then succeeds on its third attempt… */
const ATTEMPTS = 3;
/** …waiting this long (no backoff) before each retry. */
const DELAY_MS = 100;
/** The theoretical time of a run: its waits. */
const WAITS_MS = (ATTEMPTS - 1) * DELAY_MS;

/** Throws on the first `ATTEMPTS - 1` attempts; then returns the attempt that succeeded. */
function flaky(attempt: number): { attempt: number } {
  if (attempt < ATTEMPTS) throw new Error(`attempt ${attempt} fails`);
  return { attempt };
}

/** The floor: the retry loop by hand. */
async function handRetry(): Promise<{ attempt: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return flaky(attempt);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await sleep(DELAY_MS);
    }
  }
}

const nowNs = (): bigint => process.hrtime.bigint();

/** Times `run` and resolves with its wall time beyond the theoretical waits, in ns (a self-timed run). */
function overhead(run: RunFn): () => Promise<number> {
  return async () => {
    const t0 = nowNs();
    await run();
    return Number(nowNs() - t0) - WAITS_MS * 1e6;
  };
}

/** Throws unless a run waited out its delays (timers may fire up to ~1 ms early). */
function checkOverhead(side: string, ns: number): void {
  expectEqual(`${side}: run shorter than its ${WAITS_MS} ms of waits`, ns > -2e6, true);
}

/**
 * W5 — retry overhead: one step that fails twice then succeeds, `retry: 3, retryDelay: 100` (no
 * backoff), against the same loop written by hand (try/catch, `await` a 100 ms `setTimeout`).
 * Both sides report a run's wall time minus the theoretical 200 ms of waits. Target: ≤ +2 ms.
 */
export const w5: Workload = {
  id: 'W5',
  title: 'retry: a step that fails twice, retryDelay 100 ms',
  variants: [
    {
      name: 'fail-twice',
      floor: `try/catch loop + setTimeout (both: run − ${WAITS_MS} ms)`,
      unit: MS_PER_RUN,
      target: { ...medianAtMost(2, 'ms'), label: '≤+2ms' },
      reps: { full: 20, quick: 3 },
      warmup: { full: 2, quick: 0 },
      prepare(): Case {
        const step = action({ name: 'flaky', retry: ATTEMPTS, retryDelay: DELAY_MS }, ({ task }) => flaky(task.attempt));
        const flow = buildFlow([step], 'bench-w5');
        const subject = overhead(() => flow.start());
        const baseline = overhead(handRetry);
        return {
          perRun: 1,
          selfTimed: true,
          subject,
          baseline,
          async check() {
            checkOverhead('dotflow', await subject());
            checkStatuses(flow, 1);
            const [task] = flow.resultTask();
            expectEqual('attempts', task?.attempt, ATTEMPTS);
            expectEqual('retries', task?.retryCount, ATTEMPTS - 1);
            expectEqual('errors', task?.errors.map((e) => e.attempt).join(), '1,2');
            expectEqual('result', (flow.resultStorage()[0] as { attempt: number } | undefined)?.attempt, ATTEMPTS);
            checkOverhead('floor', await baseline());
            expectEqual('floor result', (await handRetry()).attempt, ATTEMPTS);
          },
        };
      },
    },
  ],
};
