/**
 * Where W7's memory goes: builds and runs one `n`-step workflow of trivial sync steps in this
 * process, stage by stage, and prints after each stage the live heap (after a forced GC), the RSS
 * and the peak RSS so far, with the growth per step. Run it with `--expose-gc`:
 *
 *   node --expose-gc bench/dist/memory-probe.js [--steps=10000] [--events] [--storage=memory|discard]
 *     [--side=dotflow|floor] [--runs=1] [--core=DIR] [--snapshot=FILE.heapsnapshot]
 *
 * `--storage=discard`: a synchronous storage that keeps nothing, to tell the checkpoints' share;
 * `--runs=2`: a second run of the same flow (what the first run's garbage and records cost once
 * replaced); `--core=DIR`: another build of the package (see `--baseline`); `--snapshot=PREFIX`: a
 * heap snapshot after each stage, `PREFIX.<i>.heapsnapshot`, for `heap-summary.js`.
 */
import { writeHeapSnapshot } from 'node:v8';
import type { Storage } from '@dotflow/core';
import { loadCore } from './core';
import { checkFloor, handChainKept, syncFns } from './floors';
import { dotflowSteps } from './dotflow-steps';

interface Stage {
  readonly stage: string;
  readonly heapMiB: number;
  readonly rssMiB: number;
  readonly peakRssMiB: number;
  readonly externalMiB: number;
}

const MIB = 1024 * 1024;
let stageCount = 0;

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run memory-probe.js with node --expose-gc');
  collect();
  collect();
}

let snapshots: string | undefined;

function sample(stage: string): Stage {
  gc();
  if (snapshots !== undefined) writeHeapSnapshot(`${snapshots}.${stageCount}.heapsnapshot`);
  stageCount++;
  const m = process.memoryUsage();
  return {
    stage,
    heapMiB: m.heapUsed / MIB,
    rssMiB: m.rss / MIB,
    peakRssMiB: (process.resourceUsage().maxRSS * 1024) / MIB,
    externalMiB: m.external / MIB,
  };
}

/** A synchronous storage that keeps nothing (and claims nothing): a run on it costs no checkpoint memory. */
function discardStorage(inner: Storage): Storage {
  return {
    volatile: true,
    get: () => Promise.resolve(undefined),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(false),
    deletePrefix: () => Promise.resolve(0),
    keys: () => Promise.resolve([]),
    getSync: () => undefined,
    setSync: () => undefined,
    keysSync: () => [],
    claim: () => Promise.resolve(() => Promise.resolve()), // no exclusion: one run in one process
    key: (w, t) => inner.key(w, t),
    prefix: (w) => inner.prefix(w),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const n = Number(opt('steps') ?? 10_000);
  const runs = Number(opt('runs') ?? 1);
  const side = opt('side') ?? 'dotflow';
  const events = args.includes('--events');
  snapshots = opt('snapshot');
  const stages: Stage[] = [sample('start (node + bench floors)')];
  const keep: unknown[] = [];
  if (side === 'floor') {
    const fns = syncFns(n);
    stages.push(sample('functions'));
    const kept = await handChainKept(fns);
    checkFloor(kept[n - 1] ?? null, n);
    stages.push(sample('chain run, results kept'));
    keep.push(fns, kept);
  } else {
    const core = loadCore(opt('core'));
    const { asSteps, buildFlow, checkRun, silentConfig } = dotflowSteps(core);
    stages.push(sample('Dotflow loaded'));
    const fns = syncFns(n);
    stages.push(sample('functions'));
    const steps = asSteps(fns, 'm');
    stages.push(sample('action() wrappers'));
    const probe = new core.MemoryStorage();
    const config = opt('storage') === 'discard' ? silentConfig(discardStorage(probe)) : silentConfig();
    const flow = buildFlow(steps, 'bench-w7', config);
    stages.push(sample('task.add'));
    if (events) flow.events$.subscribe(() => {});
    for (let r = 1; r <= runs; r++) {
      await flow.start();
      checkRun(flow, n);
      stages.push(sample(`run ${r} (its records kept)`));
    }
    keep.push(fns, steps, flow);
  }
  let previous: Stage | undefined;
  console.log(`${side}, ${n} steps${events ? ', events$ subscribed' : ''}${opt('storage') ? `, storage ${opt('storage')}` : ''}`);
  console.log('stage                          heap MiB   Δ B/step    RSS MiB  peak RSS MiB');
  for (const s of stages) {
    const delta = previous === undefined ? '' : (((s.heapMiB - previous.heapMiB) * MIB) / n).toFixed(0);
    console.log(
      `${s.stage.padEnd(30)} ${s.heapMiB.toFixed(1).padStart(8)} ${delta.padStart(10)} ${s.rssMiB.toFixed(1).padStart(10)} ${s.peakRssMiB.toFixed(1).padStart(13)}`,
    );
    previous = s;
  }
  if (snapshots !== undefined) console.log(`heap snapshots: ${snapshots}.0…${stageCount - 1}.heapsnapshot`);
  if (keep.length === 0) throw new Error('nothing kept');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
