/**
 * One cold run in a fresh process, for the `cold-*` variants: builds the flow (untimed), times
 * the first `start()` (or the first hand-written chain) and prints the nanoseconds.
 * `node bench/dist/cold-child.js dotflow|floor sync|async <steps> events|silent [CORE_DIR]`
 * (`CORE_DIR`: another build's `packages/core`, see `--baseline`). Only the `dotflow` side loads Dotflow.
 */
import 'reflect-metadata';
import { asyncFns, checkFloor, handChain, syncFns } from './floors';
import { expectEqual } from './workload';

async function main(): Promise<void> {
  const [side, kind, steps, events, coreDir] = process.argv.slice(2);
  const n = Number(steps);
  const fns = kind === 'sync' ? syncFns(n) : asyncFns(n);
  if (side === 'floor') {
    const t0 = process.hrtime.bigint();
    const value = await handChain(fns);
    const ns = process.hrtime.bigint() - t0;
    checkFloor(value, n);
    process.stdout.write(`${ns}\n`);
    return;
  }
  const { loadCore } = await import('./core');
  const { dotflowSteps } = await import('./dotflow-steps');
  const { asSteps, buildFlow, checkRun } = dotflowSteps(loadCore(coreDir));
  const flow = buildFlow(asSteps(fns, 's'), `bench-cold-${kind}`);
  let count = 0;
  if (events === 'events') flow.events$.subscribe(() => { count++; });
  const t0 = process.hrtime.bigint();
  await flow.start();
  const ns = process.hrtime.bigint() - t0;
  checkRun(flow, n);
  if (events === 'events') expectEqual('events per run', count, 2 * n + 2);
  process.stdout.write(`${ns}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
