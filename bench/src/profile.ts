/**
 * Runs Dotflow alone (no floor) on a W1/W2-style workflow, for a profiler: run it under
 * `node --cpu-prof`. It writes the time window of the measured runs to `--window=FILE`, so that
 * `cpuprofile-summary.js --window=FILE` leaves out the module loading, the build and the warm-up.
 *
 *   node --cpu-prof --cpu-prof-interval 25 --cpu-prof-dir=bench/.data/prof bench/dist/profile.js \
 *     --kind=sync --events --steps=10000 --runs=30 --window=bench/.data/prof/window.json
 *   node bench/dist/cpuprofile-summary.js bench/.data/prof/CPU.*.cpuprofile --window=bench/.data/prof/window.json
 *
 * `--cold`: measure the first run of the process only (no warm-up). `--fresh`: W8's request, each
 * measured run builds a fresh flow (new `action()` wrappers, `task.add`, `events$` subscribed) and
 * runs it once. `--core=DIR`: another build's `packages/core` (see `run.js --baseline`).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadCore } from './core';
import { dotflowSteps } from './dotflow-steps';
import { asyncFns, syncFns } from './floors';
import { summarize } from './stats';

/** Microseconds on the monotonic clock, the clock V8's profiler stamps samples with. */
const monoUs = (): number => Number(process.hrtime.bigint() / 1000n);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const kind = opt('kind') === 'async' ? 'async' : 'sync';
  const events = args.includes('--events');
  const cold = args.includes('--cold');
  const fresh = args.includes('--fresh');
  const { asSteps, buildFlow, checkRun } = dotflowSteps(loadCore(opt('core')));
  const n = Number(opt('steps') ?? 10_000);
  const runs = cold ? 1 : Number(opt('runs') ?? 30);
  const window = opt('window');

  const t0 = process.hrtime.bigint();
  const fns = kind === 'sync' ? syncFns(n) : asyncFns(n);
  const make = (): ReturnType<typeof buildFlow> => {
    const made = buildFlow(asSteps(fns, 's'), 'bench-profile');
    if (events) made.events$.subscribe(() => {});
    return made;
  };
  let flow = make();
  console.log(`build (${n} × action() + task.add): ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms`);
  if (!cold) for (let i = 0; i < 20; i++) await (fresh ? make() : flow).start();

  const times: number[] = [];
  const start = monoUs();
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    if (fresh) flow = make();
    await flow.start();
    times.push(Number(process.hrtime.bigint() - t) / 1e3 / n);
  }
  const end = monoUs();
  checkRun(flow, n);
  if (window !== undefined) writeFileSync(window, JSON.stringify({ start, end }));
  const s = summarize(times);
  console.log(
    `${kind}${events ? ' + events$' : ''}${fresh ? ', fresh flow each run' : ''}, ${n} steps, ${runs} run(s)${cold ? ' (cold)' : ''}: ` +
      `median ${s.median.toFixed(3)} µs/step, p90 ${s.p90.toFixed(3)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
