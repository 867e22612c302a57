/**
 * Summarises a V8 heap snapshot (`.heapsnapshot`, e.g. from `memory-probe.js --snapshot`): self
 * size and count of the objects by kind and constructor. With two snapshots, what the second has
 * more of than the first (the objects a stage added).
 *
 *   node bench/dist/heap-summary.js AFTER.heapsnapshot [BEFORE.heapsnapshot] [--top=N] [--per=STEPS]
 *
 * `--per=N` adds a bytes-per-step column (N: the steps of the probed workflow).
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: readonly string[]; readonly node_types: readonly [readonly string[], ...unknown[]] } };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

interface Tally {
  count: number;
  bytes: number;
}

/** Self size and count by `kind name` (e.g. `object Context`, `closure wrapper`, `hidden system / Map`). */
function tally(file: string): Map<string, Tally> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const out = new Map<string, Tally>();
  for (let i = 0; i < snap.nodes.length; i += stride) {
    const type = types[snap.nodes[i + typeAt] as number] ?? '?';
    let name = snap.strings[snap.nodes[i + nameAt] as number] ?? '?';
    // strings and numbers are named by their content: group them by kind only
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number' || type === 'code') name = '';
    if (name.length > 60) name = `${name.slice(0, 57)}…`;
    const key = `${type} ${name}`.trim();
    const t = out.get(key) ?? { count: 0, bytes: 0 };
    t.count++;
    t.bytes += snap.nodes[i + sizeAt] as number;
    out.set(key, t);
  }
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const files = args.filter((a) => !a.startsWith('--'));
  const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
  const per = Number(args.find((a) => a.startsWith('--per='))?.slice(6) ?? 0);
  const [after, before] = files;
  if (after === undefined) throw new Error('usage: node bench/dist/heap-summary.js AFTER.heapsnapshot [BEFORE.heapsnapshot] [--top=N] [--per=STEPS]');
  const a = tally(after);
  const b = before === undefined ? new Map<string, Tally>() : tally(before);
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((key) => {
    const x = a.get(key) ?? { count: 0, bytes: 0 };
    const y = b.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: x.count - y.count, bytes: x.bytes - y.bytes };
  });
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  console.log(`${before === undefined ? 'heap' : 'added'}: ${(total / 1024 / 1024).toFixed(2)} MiB${per > 0 ? `, ${(total / per).toFixed(0)} B/step` : ''}`);
  console.log(`${'KiB'.padStart(9)} ${'count'.padStart(9)}${per > 0 ? `${'B/step'.padStart(8)}` : ''}  kind and constructor`);
  for (const r of rows.sort((p, q) => q.bytes - p.bytes).slice(0, top)) {
    const perStep = per > 0 ? (r.bytes / per).toFixed(0).padStart(8) : '';
    console.log(`${(r.bytes / 1024).toFixed(0).padStart(9)} ${String(r.count).padStart(9)}${perStep}  ${r.key}`);
  }
}

main();
