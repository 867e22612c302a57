import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileStorage, TaskStatus, type ActionFunction, type Config, type DotFlow } from '@dotflow/core';
import { asSteps, buildFlow, checkFloor, checkRun, expectedSum, silentConfig, syncFns, type SyncFn, type Value } from './steps';
import { medianAtMost, MS_PER_RUN, US_PER_STEP } from './targets';
import { expectEqual, type Case, type Variant, type Workload } from './workload';
import { Scratch } from './scratch';

/**
 * W4 — checkpoints in files: `n` trivial synchronous steps (named `c0`, `c1`…) on `FileStorage`.
 *
 * - `first-run`, `first-run-mem`: a first run (no `resume`) of a workflow that has no checkpoint
 *   yet, per step, against a hand-written chain that writes each result as `FileStorage` does
 *   (`writeFileSync` of a temporary file, then `renameSync`), and against the same run on
 *   `MemoryStorage`. Every run uses a new workflow id, so a new folder: a run without `resume`
 *   first deletes the workflow's old checkpoints, and on this machine's file system creating
 *   files soon after deleting many costs 0.2–1 ms each for minutes (both sides alike): it would measure
 *   the disk, not the checkpoints. The folders are deleted once the workload is over.
 * - `resume`: `start({ resume: true })` when every checkpoint exists (every task `Skipped`), per
 *   run, against `readFileSync` + `JSON.parse` of the same files.
 */

const scratch = new Scratch('w4');
const scratchFolder = (name: string): string => scratch.folder(name);

let ids = 0;
/** A workflow id no run has used: its first run finds no checkpoint to delete. */
const freshId = (side: string): string => `w4-${side}-${++ids}`;

const nowNs = (): bigint => process.hrtime.bigint();

/** A first run of a new workflow built from `steps` on `config` (built untimed). */
async function firstRun(steps: readonly ActionFunction[], config: Config, side: string): Promise<{ ns: number; flow: DotFlow }> {
  const flow = buildFlow(steps, freshId(side), config);
  const t0 = nowNs();
  await flow.start();
  return { ns: Number(nowNs() - t0), flow };
}

/** The floor: the chain by hand, each result written to `<folder>/c<i>.json` through a temporary file. */
function fileChain(fns: readonly SyncFn[], folder: string): Value | null {
  mkdirSync(folder, { recursive: true });
  let prev: Value | null = null;
  for (const [i, f] of fns.entries()) {
    prev = f(prev);
    const file = join(folder, `c${i}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(prev));
    renameSync(`${file}.tmp`, file);
  }
  return prev;
}

const jsonFiles = (folder: string): number => readdirSync(folder).filter((name) => name.endsWith('.json')).length;

/** Throws unless the first run completed, left `n` checkpoint files and the last holds the chain's sum. */
function checkFirstRun(flow: DotFlow, storage: FileStorage, n: number): void {
  checkRun(flow, n);
  const lastKey = storage.key(flow.workflowId, `c${n - 1}`);
  expectEqual('checkpoint files', jsonFiles(dirname(storage.fileOf(lastKey))), n);
  const last = storage.getSync(lastKey) as { storage?: Value } | undefined;
  expectEqual('last checkpoint', last?.storage?.sum, expectedSum(n));
}

/** The baseline side of a first-run variant. */
interface Floor {
  /** One run; resolves with its own time in ns. */
  run(): Promise<number>;
  check(): Promise<void>;
}

/** The chain by hand with plain writes, each run into a new folder. */
function fileFloor(fns: readonly SyncFn[]): Floor {
  const root = scratchFolder('floor');
  const once = (): { ns: number; folder: string; value: Value | null } => {
    const folder = join(root, freshId('floor'));
    const t0 = nowNs();
    const value = fileChain(fns, folder);
    return { ns: Number(nowNs() - t0), folder, value };
  };
  return {
    run: () => Promise.resolve(once().ns),
    check() {
      const { folder, value } = once();
      checkFloor(value, fns.length);
      expectEqual('floor files', jsonFiles(folder), fns.length);
      return Promise.resolve();
    },
  };
}

/** The same first run on the default `MemoryStorage`. */
function memoryFloor(steps: readonly ActionFunction[]): Floor {
  return {
    run: async () => (await firstRun(steps, silentConfig(), 'memory')).ns,
    async check() {
      checkRun((await firstRun(steps, silentConfig(), 'memory')).flow, steps.length);
    },
  };
}

/** `first-run` against the floor of plain writes, or `first-run-mem` against `MemoryStorage`. */
function first(against: 'fs' | 'memory'): Variant {
  return {
    name: against === 'fs' ? 'first-run' : 'first-run-mem',
    floor: against === 'fs' ? 'writeFileSync+renameSync' : 'same run, MemoryStorage',
    unit: US_PER_STEP,
    target: medianAtMost(40, 'µs'),
    reps: { full: 20, quick: 5 },
    warmup: { full: 2, quick: 1 },
    prepare({ steps: n }): Case {
      const fns = syncFns(n);
      const steps = asSteps(fns, 'c');
      const storage = new FileStorage({ path: scratchFolder('dotflow') });
      const subject = (): Promise<{ ns: number; flow: DotFlow }> => firstRun(steps, silentConfig(storage), 'file');
      const floor = against === 'fs' ? fileFloor(fns) : memoryFloor(steps);
      return {
        perRun: n,
        selfTimed: true,
        subject: async () => (await subject()).ns,
        baseline: () => floor.run(),
        async check() {
          checkFirstRun((await subject()).flow, storage, n);
          await floor.check();
        },
      };
    },
  };
}

const resume: Variant = {
  name: 'resume',
  floor: 'readFileSync+JSON.parse',
  unit: MS_PER_RUN,
  target: medianAtMost(15, 'ms'),
  reps: { full: 200, quick: 20 },
  warmup: { full: 20, quick: 5 },
  async prepare({ steps: n }): Promise<Case> {
    const fns = syncFns(n);
    const storage = new FileStorage({ path: scratchFolder('resume') });
    const flow = buildFlow(asSteps(fns, 'c'), 'w4-resume', silentConfig(storage));
    await flow.start(); // writes the n checkpoints every timed run restores
    checkFirstRun(flow, storage, n);
    const files = fns.map((_, i) => storage.fileOf(storage.key(flow.workflowId, `c${i}`)));
    const written = files.map((file) => statSync(file).mtimeMs);
    const floor = (): Value[] => files.map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { storage: Value }).storage);
    return {
      perRun: 1,
      subject: () => flow.start({ resume: true }),
      baseline: () => Promise.resolve(floor()),
      async check() {
        await flow.start({ resume: true });
        checkRun(flow, n, TaskStatus.Skipped);
        expectEqual('checkpoints rewritten by a resume', files.filter((file, i) => statSync(file).mtimeMs !== written[i]).length, 0);
        checkFloor(floor()[n - 1] ?? null, n);
      },
    };
  },
};

export const w4: Workload = {
  id: 'W4',
  title: 'sequential trivial steps, checkpoints on FileStorage',
  variants: [first('fs'), first('memory'), resume],
  dispose() {
    scratch.dispose();
  },
};
