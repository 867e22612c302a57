/**
 * The benchmark harness: `npm run bench` (full) or, after a build,
 * `node bench/dist/run.js [--quick] [--steps=N] [--reps=N] [--warmup=N] [--skip=TEXT] [--json=FILE] [--list] [W1 W2/events-sync …]`.
 * Every row times Dotflow and its floor alternately in this process and reports their ratio.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { abCompare } from './ab';
import { keyOf, selected, WORKLOADS } from './registry';
import { formatRow, header, toRow, type Row } from './table';
import type { Settings, Variant, Workload } from './workload';

interface Cli {
  readonly settings: Settings;
  readonly filters: readonly string[];
  readonly skips: readonly string[];
  readonly json: string | undefined;
  readonly list: boolean;
}

const USAGE = `usage: node bench/dist/run.js [options] [filter…]
  filter        a workload (W1), a variant (W2/events-sync) or a variant prefix (W2/run)
  --quick       few repetitions: a smoke run, figures indicative only
  --steps=N     steps per run for step-count workloads (default 1000)
  --reps=N      timed pairs per variant (default: the variant's, 300–400)
  --warmup=N    untimed runs of each side first (default: the variant's)
  --skip=TEXT   leave out the variants whose id contains TEXT (e.g. --skip=cold); repeatable
  --json=FILE   also write the rows as JSON
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
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default:
        if (flag.startsWith('-')) throw new Error(`unknown option ${flag}\n${USAGE}`);
        filters.push(flag);
    }
  }
  if (warmup !== undefined && !(Number.isInteger(warmup) && warmup >= 0)) throw new Error(`--warmup needs an integer ≥ 0\n${USAGE}`);
  return { settings: { quick, steps, reps, warmup }, filters, skips, json, list };
}

async function main(): Promise<void> {
  const { settings, filters, skips, json, list } = parseCli(process.argv.slice(2));
  const plan = WORKLOADS.map((w) => ({
    w,
    variants: w.variants.filter((v) => selected(w, v, filters) && !skips.some((s) => s !== '' && keyOf(w, v).includes(s))),
  })).filter((p) => p.variants.length > 0);
  if (list || plan.length === 0) {
    for (const w of WORKLOADS) for (const v of w.variants) console.log(`${w.id}/${v.name}  — ${w.title}; floor: ${v.floor}`);
    if (plan.length === 0) throw new Error(`no variant matches ${filters.join(' ')}`);
    return;
  }
  const cpu = cpus();
  console.log(
    `dotflow bench — node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'}; ` +
      `${settings.steps} steps per run; ${settings.quick ? 'QUICK (indicative only)' : 'full'}; ${new Date().toISOString()}`,
  );
  console.log('figures: medians and p90 of wall time per run (÷ steps for µs/step; MiB: peak RSS of a child process); ratio: median of per-pair dotflow/floor, runs interleaved');
  console.log('floor (last column): the same work written by hand, measured in this run; async chain: `for (const f of fns) prev = await f(prev)`\n');
  const rows: Row[] = [];
  let unit: string | undefined;
  for (const { w, variants } of plan) {
    try {
      for (const [i, v] of variants.entries()) {
        if (v.unit.label !== unit) {
          unit = v.unit.label;
          console.log(header(unit));
        }
        if (i === 0) console.log(`── ${w.id}: ${w.title}`);
        rows.push(await measure(w, v, settings));
      }
    } finally {
      w.dispose?.();
    }
  }
  if (json !== undefined) {
    writeFileSync(json, `${JSON.stringify({ node: process.version, cpus: cpu.length, settings, at: new Date().toISOString(), rows }, null, 2)}\n`);
  }
}

/** Prepares, checks and times one variant; prints and returns its row. */
async function measure(w: Workload, v: Variant, settings: Settings): Promise<Row> {
  const c = await v.prepare(settings);
  try {
    await c.check();
    const result = await abCompare(c.subject, c.baseline, {
      warmup: settings.warmup ?? (settings.quick ? v.warmup.quick : v.warmup.full),
      reps: settings.reps ?? (settings.quick ? v.reps.quick : v.reps.full),
      perRun: c.perRun,
      nsPerUnit: v.unit.nsPerUnit,
      selfTimed: c.selfTimed ?? false,
    });
    await c.check(); // still right after hundreds of runs
    const row = toRow(w, v, result);
    console.log(formatRow(row));
    return row;
  } finally {
    c.dispose?.();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
