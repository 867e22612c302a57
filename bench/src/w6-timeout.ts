import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { action, TaskStatus, WorkflowStatus, type DotFlow } from '@dotflow/core';
import { runChild } from './child-run';
import { buildFlow, checkHandTimeout, handTimeout, SLOW_STEP_MS, TIMEOUT_MS } from './steps';
import { medianAtMost, MS_PER_RUN } from './targets';
import { expectEqual, type Case, type Variant, type Workload } from './workload';

const CHILD = join(__dirname, 'child.js');

/** A one-step workflow: the step sleeps `SLOW_STEP_MS` honouring its `signal`, with `timeout: TIMEOUT_MS`. */
export function timeoutFlow(): DotFlow {
  const step = action({ name: 'slow', timeout: TIMEOUT_MS }, ({ signal }) => delay(SLOW_STEP_MS, undefined, { signal }));
  return buildFlow([step], 'bench-w6');
}

/** Throws unless the run failed and its task failed once, with a `TaskTimeoutError`. */
export function checkTimedOut(flow: DotFlow): void {
  expectEqual('workflow status', flow.result().status, WorkflowStatus.Failed);
  const [task] = flow.resultTask();
  expectEqual('task status', task?.status, TaskStatus.Failed);
  expectEqual('task errors', task?.errors.map((e) => e.exception).join(), 'TaskTimeoutError');
}

/** What `child.js timeout <side>` prints once it has checked its run. */
const OUTCOME = { dotflow: 'TaskTimeoutError', floor: 'AbortError' } as const;

/** One `child.js timeout <side>` run: resolves with the ns from spawn to exit, having checked its output. */
async function childRun(side: 'dotflow' | 'floor'): Promise<number> {
  const { ns, stdout } = await runChild(CHILD, ['timeout', side]);
  expectEqual(`${side} child's outcome`, stdout, OUTCOME[side]);
  return ns;
}

/** What both variants share: a run lasts about a second, so few of them. */
const SECOND_RUNS = { unit: MS_PER_RUN, reps: { full: 5, quick: 2 }, warmup: { full: 0, quick: 0 } } as const;

/** `report`: until `start()` resolves with the task failed, in this process. */
const report: Variant = {
  name: 'report',
  floor: 'AbortController+setTimeout(abort)',
  target: medianAtMost(1020, 'ms'),
  ...SECOND_RUNS,
  prepare(): Case {
    const flow = timeoutFlow();
    return {
      perRun: 1,
      subject: () => flow.start(),
      baseline: handTimeout,
      async check() {
        await flow.start();
        checkTimedOut(flow);
        checkHandTimeout(await handTimeout());
      },
    };
  },
};

/** `exit`: from spawning a process that runs the workflow to its exit (start-up and module loading included). */
const exit: Variant = {
  name: 'exit',
  floor: 'the same floor in a child process',
  target: medianAtMost(1100, 'ms'),
  ...SECOND_RUNS,
  prepare(): Case {
    return {
      perRun: 1,
      selfTimed: true,
      subject: () => childRun('dotflow'),
      baseline: () => childRun('floor'),
      async check() {
        await childRun('dotflow');
        await childRun('floor');
      },
    };
  },
};

/**
 * W6 — timeout: one step that waits 5 s honouring its `signal`, `timeout: 1000`. `report`: the
 * time until the run reports the task `Failed` with a `TaskTimeoutError`, against an
 * `AbortController` aborted by a 1 s `setTimeout` racing the same sleep. `exit`: the same in a
 * child process, from spawn to exit (a timer left running would keep it alive for 5 s).
 * Targets: ≤ 1.02 s / ≤ 1.1 s.
 */
export const w6: Workload = {
  id: 'W6',
  title: 'timeout 1 s on a 5 s step',
  variants: [report, exit],
};
