#!/usr/bin/env node
// The toolchain matrix: each cell (scripts/toolchains/cells/<name>/) is a consumer project that
// installs @dotflow/core from its packed tarball (never from the workspace) and a toolchain from
// the npm registry, in a temp folder, then runs the seed example (examples/src/async-actions.ts)
// and a class workflow with an injected service, and asserts what they print.
//
// Usage: node scripts/toolchains/run.mjs [cell ...] [--jobs N] [--no-build] [--keep] [--cache DIR]
//   cell ...     only these cells (folder names); default: every cell
//   --jobs N     cells installed and run at once (default 2)
//   --no-build   use the packages' dist/ as they are (default: npm run build first)
//   --keep       keep the temp folder (its path is printed) to look into a cell
//   --cache DIR  npm cache folder (default: npm's own cache, with --prefer-offline)
//   --list       print the cells as a Markdown table (the README's) and exit
// Prints one line per cell (PASS/FAIL, seconds), then the output of every failing cell; exits 1
// when a cell fails.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, sanitizedEnv, stopAll } from './lib/exec.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const cellsDir = join(here, 'cells');
const sharedDir = join(here, 'shared');
const seedPath = join(root, 'examples', 'src', 'async-actions.ts');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function parseArgs(argv) {
  const options = { names: [], jobs: 2, build: true, keep: false, cache: undefined, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--jobs' || arg === '-j') options.jobs = Number(argv[++i]);
    else if (arg.startsWith('--jobs=')) options.jobs = Number(arg.slice('--jobs='.length));
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--list') options.list = true;
    else if (arg === '--cache') options.cache = resolve(argv[++i] ?? '');
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (see the usage at the top of ${fileURLToPath(import.meta.url)})`);
    else options.names.push(arg);
  }
  if (!Number.isInteger(options.jobs) || options.jobs < 1) throw new Error('--jobs must be an integer ≥ 1');
  return options;
}

function loadCells(names) {
  const all = readdirSync(cellsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, dir: join(cellsDir, d.name), ...JSON.parse(readFileSync(join(cellsDir, d.name, 'cell.json'), 'utf8')) }))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name));
  const unknown = names.filter((n) => !all.some((c) => c.name === n));
  if (unknown.length > 0) throw new Error(`no such cell: ${unknown.join(', ')} (cells: ${all.map((c) => c.name).join(', ')})`);
  return names.length > 0 ? all.filter((c) => names.includes(c.name)) : all;
}

/** The seed example as the cell compiles it: for an ES module, without its CommonJS entry-point line. */
function seedSource(esm) {
  const source = readFileSync(seedPath, 'utf8');
  if (!esm) return source;
  const entryLine = /^if \(require\.main === module\).*$/m;
  if (!entryLine.test(source)) throw new Error(`${seedPath} has no "if (require.main === module)" line to drop for ES modules`);
  return source.replace(entryLine, '// (the CommonJS entry-point line is dropped: the cell calls main() itself)');
}

/**
 * The README's copy-paste tsconfig files are the cells' own: a cell whose cell.json says
 * `"readmeTsconfig": true` fails when README.md has no ```json block with its exact tsconfig.json.
 */
function readmeMismatch(cell) {
  if (cell.readmeTsconfig !== true) return undefined;
  const tsconfig = readFileSync(join(cell.dir, 'tsconfig.json'), 'utf8');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  if (readme.includes(`\`\`\`json\n${tsconfig}\`\`\``)) return undefined;
  return `README.md (section Toolchains) has no \`\`\`json block equal to scripts/toolchains/cells/${cell.name}/tsconfig.json:\n${tsconfig}`;
}

/** Writes the cell's project: its template folder, the seed, the shared sources, and its dependencies. */
function prepareCell(cell, dest, tarballs) {
  cpSync(cell.dir, dest, { recursive: true, filter: (src) => !src.endsWith('cell.json') });
  mkdirSync(join(dest, dirname(cell.seed.to)), { recursive: true });
  writeFileSync(join(dest, cell.seed.to), seedSource(cell.seed.esm === true));
  for (const [to, from] of Object.entries(cell.files ?? {})) {
    mkdirSync(dirname(join(dest, to)), { recursive: true });
    cpSync(join(sharedDir, from), join(dest, to));
  }
  const manifestPath = join(dest, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const core = JSON.parse(readFileSync(join(root, 'packages', 'core', 'package.json'), 'utf8'));
  const ours = cell.packages ?? ['@dotflow/core'];
  const dependencies = { ...core.peerDependencies };
  for (const name of ours) {
    if (!tarballs[name]) throw new Error(`scripts/pack.mjs packed no ${name}`);
    dependencies[name] = `file:${tarballs[name]}`;
  }
  manifest.dependencies = { ...dependencies, ...manifest.dependencies };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

async function runCell(cell, work, tarballs, options) {
  const dest = join(work, 'cells', cell.name);
  const started = performance.now();
  const log = [];
  const result = { cell, ok: false, log, install: 0, total: 0 };
  const env = sanitizedEnv(dest);
  try {
    const mismatch = readmeMismatch(cell);
    if (mismatch) {
      log.push(mismatch);
      return result;
    }
    prepareCell(cell, dest, tarballs);
    const install = [npm, 'install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    if (options.cache) install.push('--cache', options.cache);
    const installed = await run(install, { cwd: dest, env, timeoutMs: 300_000 });
    result.install = (performance.now() - started) / 1000;
    log.push(`$ ${install.join(' ')}\n${installed.output}`);
    if (installed.code !== 0) return result;
    for (const step of cell.run) {
      const ran = await run(step, { cwd: dest, env, timeoutMs: 300_000, localBin: true });
      log.push(`$ ${step.join(' ')}\n${ran.output}`);
      if (ran.code !== 0) return result;
    }
    const output = log.slice(1).join('\n');
    const missing = cell.expect.filter((pattern) => !new RegExp(pattern, 'm').test(output));
    if (missing.length > 0) {
      log.push(`expected the output to match: ${missing.map((p) => `/${p}/`).join(', ')}`);
      return result;
    }
    result.ok = true;
    return result;
  } catch (error) {
    log.push(String(error instanceof Error ? error.stack : error));
    return result;
  } finally {
    result.total = (performance.now() - started) / 1000;
  }
}

async function pool(items, jobs, work) {
  const results = [];
  let next = 0;
  const workers = Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      results.push(await work(item));
    }
  });
  await Promise.all(workers);
  return results;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const cells = loadCells(options.names);
  if (options.list) {
    console.log('| cell | toolchain | what it checks |\n|---|---|---|');
    for (const c of cells) console.log(`| \`${c.name}\` | ${c.title} | ${c.checks} |`);
    return 0;
  }
  const started = performance.now();
  const env = sanitizedEnv(root);
  if (options.build) {
    const built = await run([npm, 'run', 'build'], { cwd: root, env, timeoutMs: 600_000 });
    if (built.code !== 0) {
      process.stderr.write(`npm run build failed:\n${built.output}\n`);
      return 1;
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'dotflow-toolchains-'));
  // the commands run in process groups of their own: an interrupt must stop them here
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stopAll();
      if (!options.keep) rmSync(work, { recursive: true, force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  try {
    const packed = await run([process.execPath, join(root, 'scripts', 'pack.mjs'), join(work, 'pack')], { cwd: root, env, timeoutMs: 300_000, separateStderr: true });
    if (packed.code !== 0) {
      process.stderr.write(`scripts/pack.mjs failed:\n${packed.output}${packed.stderr}\n`);
      return 1;
    }
    const tarballs = JSON.parse(packed.output);
    console.log(`toolchain matrix: ${cells.length} cells, ${options.jobs} at a time, packages packed in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    const width = Math.max(...cells.map((c) => c.name.length));
    const results = await pool(cells, options.jobs, async (cell) => {
      const r = await runCell(cell, work, tarballs, options);
      const seconds = `${r.total.toFixed(1).padStart(5)}s (install ${r.install.toFixed(1)}s)`;
      console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${cell.name.padEnd(width)}  ${seconds}  ${cell.title}`);
      return r;
    });
    const failed = results.filter((r) => !r.ok);
    for (const r of failed) {
      console.log(`\n──── ${r.cell.name} failed (${r.cell.title}) ────\n${r.log.join('\n').trimEnd()}`);
    }
    const total = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\n${results.length - failed.length}/${results.length} cells passed in ${total}s${failed.length ? `; failed: ${failed.map((r) => r.cell.name).join(', ')}` : ''}`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    if (options.keep) console.log(`cells kept in ${join(work, 'cells')}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
