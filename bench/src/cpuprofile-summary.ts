/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by file.
 * `node bench/dist/cpuprofile-summary.js FILE.cpuprofile [--top=N] [--match=TEXT] [--window=FILE]`
 * `--match` keeps the frames whose function or file contains TEXT in the by-function table;
 * `--window` (written by `profile.js`) keeps only the samples of the measured runs.
 */
import { readFileSync } from 'node:fs';

interface Window {
  readonly start: number;
  readonly end: number;
}

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const shortUrl = (url: string): string =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'npm:')
    .replace(/^.*\/packages\/([^/]+)\/dist\//, '@dotflow/$1:')
    .replace(/^.*\/bench\/dist\//, 'bench:');

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: node bench/dist/cpuprofile-summary.js FILE.cpuprofile [--top=N] [--match=TEXT]');
  const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
  const match = args.find((a) => a.startsWith('--match='))?.slice(8);
  const windowFile = args.find((a) => a.startsWith('--window='))?.slice(9);
  const window = windowFile === undefined ? undefined : (JSON.parse(readFileSync(windowFile, 'utf8')) as Window);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // Sample i is taken at startTime + timeDeltas[0..i]; the time since the previous sample is
  // charged to its node.
  let at = profile.startTime;
  let total = 0;
  let kept = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.start || at > window.end)) continue;
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    total += delta;
    kept++;
  }
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const cf = (byId.get(id) as ProfileNode).callFrame;
    const where = cf.url ? `${shortUrl(cf.url)}:${cf.lineNumber + 1}` : '';
    const fnKey = `${cf.functionName || '(anonymous)'}  ${where}`;
    if (match === undefined || fnKey.includes(match)) byFn.set(fnKey, (byFn.get(fnKey) ?? 0) + us);
    const fileKey = cf.url ? shortUrl(cf.url).replace(/:.*$/, '') || shortUrl(cf.url) : cf.functionName;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  }
  const print = (title: string, m: Map<string, number>, n: number): void => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
    }
  };
  const span = window ? ` (window ${((window.end - window.start) / 1000).toFixed(1)} ms of ${((profile.endTime - profile.startTime) / 1000).toFixed(1)} ms)` : '';
  console.log(`profile: ${(total / 1000).toFixed(1)} ms, ${kept} samples${span}`);
  print('self time by function', byFn, top);
  print('self time by file', byFile, 15);
}

main();
