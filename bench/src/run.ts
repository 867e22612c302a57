/**
 * The benchmark harness: `npm run bench` (full) or, after a build,
 * `node bench/dist/run.js [--quick] [--steps=N] [--reps=N] [--warmup=N] [--skip=TEXT] [--json=FILE]
 * [--baseline=DIR [--baseline-only]] [--list] [W1 W2/events-sync …]`.
 * Every row times Dotflow and its floor alternately in this process and reports their ratio; with
 * `--baseline`, the comparable variants are also timed against another build of Dotflow.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { abCompare } from './ab';
import { loadCore } from './core';
import { dotflowSteps } from './dotflow-steps';
import { keyOf, selected, WORKLOADS } from './registry';
import { formatRow, header, toRow, type Row } from './table';
import { ratioAtMost } from './targets';
import type { Build, Case, Settings, Variant, Workload } from './workload';

interface Cli {
  readonly settings: Settings;
  readonly filters: readonly string[];
  readonly skips: readonly string[];
  readonly json: string | undefined;
  readonly list: boolean;
  /** `--baseline=DIR`: another build's `packages/core`. */
  readonly baseline: string | undefined;
  readonly baselineOnly: boolean;
}

/** A build against a baseline build: this build's median at most 1.1 × the baseline's, per pair. */
const BASELINE_TARGET = ratioAtMost(1.1);

const USAGE = `usage: node bench/dist/run.js [options] [filter…]
  filter        a workload (W1), a variant (W2/events-sync) or a variant prefix (W2/run)
  --quick       few repetitions: a smoke run, figures indicative only
  --steps=N     steps per run for step-count workloads (default 1000)
  --reps=N      timed pairs per variant (default: the variant's, 300–400)
  --warmup=N    untimed runs of each side first (default: the variant's)
  --skip=TEXT   leave out the variants whose id contains TEXT (e.g. --skip=cold); repeatable
  --json=FILE   also write the rows as JSON
  --baseline=DIR  also time the comparable variants (W1, W2, W7, W8) on another build of Dotflow:
                DIR is its built packages/core (e.g. a git worktree of an earlier commit, built with
                npx tsc -b packages/core); both builds run interleaved in this process, in rows of
                their own (ratio: this build / baseline, target ≤1.1×) after each workload's rows
  --baseline-only  with --baseline: only those rows, no floors
  --list        list the variants and exit`;

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got ${String(value)}\n${USAGE}`);
  return n;
}

function parseCli(argv: readonly string[]): Cli {
  let quick = false;
  let steps = 1000;
  let reps: number | undefined;
  let warmup: number | undefined;
  let json: string | undefined;
  let list = false;
  let baseline: string | undefined;
  let baselineOnly = false;
  const filters: string[] = [];
  const skips: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') ? (arg.split('=', 2) as [string, string | undefined]) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--quick': quick = true; break;
      case '--steps': steps = positiveInt(flag, value()); break;
      case '--reps': reps = positiveInt(flag, value()); break;
      case '--warmup': warmup = Number(value()); break;
      case '--json': json = value(); break;
      case '--skip': skips.push((value() ?? '').toLowerCase()); break;
      case '--list': list = true; break;
      case '--baseline': baseline = value(); break;
      case '--baseline-only': baselineOnly = true; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default:
        if (flag.startsWith('-')) throw new Error(`unknown option ${flag}\n${USAGE}`);
        filters.push(flag);
    }
  }
  if (warmup !== undefined && !(Number.isInteger(warmup) && warmup >= 0)) throw new Error(`--warmup needs an integer ≥ 0\n${USAGE}`);
  if (baseline === '' || (baselineOnly && baseline === undefined)) throw new Error(`--baseline needs a folder (--baseline=DIR)\n${USAGE}`);
  return { settings: { quick, steps, reps, warmup }, filters, skips, json, list, baseline, baselineOnly };
}

/** A build of Dotflow to run the variants on: this checkout's (`dir` undefined) or another one. */
function buildOf(label: string, dir: string | undefined): Build {
  const core = loadCore(dir);
  return { label, dir, core, kit: dotflowSteps(core) };
}

/** `DIR (commit abc1234)` when DIR is in a git checkout. */
function describeDir(dir: string): string {
  try {
    const commit = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%h %cs %s'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${dir} (${commit.length > 72 ? `${commit.slice(0, 71)}…` : commit})`;
  } catch {
    return dir;
  }
}

async function main(): Promise<void> {
  const { settings, filters, skips, json, list, baseline, baselineOnly } = parseCli(process.argv.slice(2));
  const plan = WORKLOADS.map((w) => ({
    w,
    variants: w.variants.filter(
      (v) => selected(w, v, filters) && !skips.some((s) => s !== '' && keyOf(w, v).includes(s)) && (!baselineOnly || v.comparable === true),
    ),
  })).filter((p) => p.variants.length > 0);
  if (list || plan.length === 0) {
    for (const w of WORKLOADS) {
      for (const v of w.variants) console.log(`${w.id}/${v.name}  — ${w.title}; floor: ${v.floor}${v.comparable ? ' (comparable: --baseline)' : ''}`);
    }
    if (plan.length === 0) throw new Error(`no variant matches ${filters.join(' ')}`);
    return;
  }
  const current = buildOf('this checkout', undefined);
  const base = baseline === undefined ? undefined : buildOf('baseline', baseline);
  const cpu = cpus();
  console.log(
    `dotflow bench — node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'}; ` +
      `${settings.steps} steps per run; ${settings.quick ? 'QUICK (indicative only)' : 'full'}; ${new Date().toISOString()}`,
  );
  console.log('figures: medians and p90 of wall time per run (÷ steps for µs/step; MiB: peak RSS of a child process); ratio: median of per-pair dotflow/floor, runs interleaved');
  console.log('floor (last column): the same work written by hand, measured in this run; async chain: `for (const f of fns) prev = await f(prev)`');
  if (baseline !== undefined) console.log(`baseline: ${describeDir(baseline)}; its rows: ratio of this build to the baseline build, interleaved`);
  console.log('');
  const rows: Row[] = [];
  let heading: string | undefined;
  const head = (unit: string, versus: Row['versus']): void => {
    if (`${unit} ${versus}` === heading) return;
    heading = `${unit} ${versus}`;
    console.log(header(unit, versus));
  };
  for (const { w, variants } of plan) {
    try {
      if (!baselineOnly) {
        for (const [i, v] of variants.entries()) {
          head(v.unit.label, 'floor');
          if (i === 0) console.log(`── ${w.id}: ${w.title}`);
          rows.push(await measure(w, v, settings, current));
        }
      }
      if (base !== undefined) {
        for (const [i, v] of variants.filter((x) => x.comparable === true).entries()) {
          head(v.unit.label, 'baseline');
          if (i === 0) console.log(`── ${w.id} against the baseline: ${w.title}`);
          rows.push(await measureVersus(w, v, settings, current, base));
        }
      }
    } finally {
      w.dispose?.();
    }
  }
  if (json !== undefined) {
    writeFileSync(json, `${JSON.stringify({ node: process.version, cpus: cpu.length, settings, baseline, at: new Date().toISOString(), rows }, null, 2)}\n`);
  }
}

function timing(v: Variant, settings: Settings, c: Case): Parameters<typeof abCompare>[2] {
  return {
    warmup: settings.warmup ?? (settings.quick ? v.warmup.quick : v.warmup.full),
    reps: settings.reps ?? (settings.quick ? v.reps.quick : v.reps.full),
    perRun: c.perRun,
    nsPerUnit: v.unit.nsPerUnit,
    selfTimed: c.selfTimed ?? false,
  };
}

/** Prepares, checks and times one variant against its floor; prints and returns its row. */
async function measure(w: Workload, v: Variant, settings: Settings, build: Build): Promise<Row> {
  const c = await v.prepare(settings, build);
  try {
    await c.check();
    const result = await abCompare(c.subject, c.baseline, timing(v, settings, c));
    await c.check(); // still right after hundreds of runs
    const row = toRow(w, v, result);
    console.log(formatRow(row));
    return row;
  } finally {
    c.dispose?.();
  }
}

/**
 * Prepares one variant on both builds and times this build's Dotflow side against the baseline
 * build's, interleaved (their floors are not run); prints and returns the row.
 */
async function measureVersus(w: Workload, v: Variant, settings: Settings, build: Build, base: Build): Promise<Row> {
  const ours = await v.prepare(settings, build);
  try {
    const theirs = await v.prepare(settings, base);
    try {
      await ours.check();
      await theirs.check();
      const result = await abCompare(ours.subject, theirs.subject, timing(v, settings, ours));
      await ours.check();
      await theirs.check();
      const row = toRow(w, v, result, { floor: `the same on the baseline build`, target: BASELINE_TARGET });
      console.log(formatRow(row));
      return row;
    } finally {
      theirs.dispose?.();
    }
  } finally {
    ours.dispose?.();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
