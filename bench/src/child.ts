/**
 * One run in a fresh process, for W6 `exit` and W7. Only the `dotflow` side loads Dotflow.
 * `node bench/dist/child.js timeout dotflow|floor`: W6's run; prints `TaskTimeoutError` or
 * `AbortError` once checked, then lets the process exit on its own (the parent times it).
 * `node bench/dist/child.js memory dotflow|floor <steps> [CORE_DIR]`: W7's run; prints the peak RSS in
 * bytes (`CORE_DIR`: another build's `packages/core`, see `--baseline`).
 */
import { checkFloor, checkHandTimeout, handChainKept, handTimeout, syncFns } from './floors';
import { expectEqual } from './workload';

async function timeout(side: string): Promise<string> {
  if (side === 'floor') {
    checkHandTimeout(await handTimeout());
    return 'AbortError';
  }
  const { checkTimedOut, timeoutFlow } = await import('./w6-timeout');
  const flow = timeoutFlow();
  await flow.start();
  checkTimedOut(flow);
  return 'TaskTimeoutError';
}

/** The peak RSS so far, in bytes (`maxRSS` is in KiB). */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/**
 * W7's run. The peak is read once the run is over and before its check: the check reads the
 * results back (`flow.result()` builds the JSON of every task, +13 MiB at 10,000 steps), which is
 * the bench's work, not the workload's.
 */
async function memory(side: string, n: number, coreDir: string | undefined): Promise<string> {
  const fns = syncFns(n);
  let peak: number;
  if (side === 'floor') {
    const kept = await handChainKept(fns);
    peak = peakRss();
    expectEqual('kept results', kept.length, n);
    checkFloor(kept[n - 1] ?? null, n);
  } else {
    const { loadCore } = await import('./core');
    const { dotflowSteps } = await import('./dotflow-steps');
    const { asSteps, buildFlow, checkRun } = dotflowSteps(loadCore(coreDir));
    const flow = buildFlow(asSteps(fns, 'm'), 'bench-w7');
    await flow.start();
    peak = peakRss();
    checkRun(flow, n);
  }
  return String(peak);
}

async function main(): Promise<void> {
  const [what, side, steps, coreDir] = process.argv.slice(2);
  if ((what !== 'timeout' && what !== 'memory') || (side !== 'dotflow' && side !== 'floor')) {
    throw new Error('usage: child.js timeout|memory dotflow|floor [steps] [CORE_DIR]');
  }
  const out = what === 'timeout' ? await timeout(side) : await memory(side, Number(steps), coreDir);
  process.stdout.write(`${out}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
