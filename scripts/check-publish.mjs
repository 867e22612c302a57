#!/usr/bin/env node
// Checks every published package (packages/*) as the registry would receive it: packs them with
// scripts/pack.mjs, then on each tarball runs `npm publish --dry-run`, publint (strict: warnings
// fail) and attw (node10, node16 from CJS and ESM, bundler), checks that its source maps point at
// files it ships (or carry sourcesContent), that it ships LICENSE and that its README has no
// relative links (they are broken on the registry's page); and that every @dotflow/* pin is the
// version in lerna.json (scripts/sync-internal-versions.mjs --check). Exits 1 on any problem.
// Usage: node scripts/check-publish.mjs [--online]   (build first: npm run build)
//   --online  let `npm publish --dry-run` ask the registry whether the version is already
//             published (by default it runs offline: no network, no login, same result in CI)
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const online = process.argv.includes('--online');
const started = Date.now();

// `npm run` sets npm_execpath to npm's own CLI script: run it with this node (no npm.cmd shell on Windows).
const npmCli = process.env.npm_execpath;
const npm = (args, options) =>
  npmCli && /\.[cm]?js$/.test(npmCli)
    ? run(process.execPath, [npmCli, ...args], options)
    : run('npm', args, { ...options, shell: process.platform === 'win32' });

const attwCli = join(
  dirname(createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json')),
  'dist',
  'index.js',
);

/** Runs a command to its end, resolving with its exit code and output instead of throwing. */
async function capture(promise) {
  try {
    const { stdout, stderr } = await promise;
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
  }
}

async function checkPublish(tarball) {
  const args = ['publish', tarball, '--dry-run', ...(online ? [] : ['--offline'])];
  const { code, stderr } = await capture(npm(args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }));
  const problems = [];
  if (code !== 0) problems.push(`npm publish --dry-run exited ${code}:\n${stderr.trim()}`);
  const warnings = stderr
    .split('\n')
    .filter((line) => /^npm warn/i.test(line) && !/requires you to be logged in/.test(line));
  for (const line of warnings) problems.push(`npm publish --dry-run: ${line}`);
  if (code === 0 && !/ public access/.test(stderr)) {
    problems.push('npm publish --dry-run would not publish with public access (publishConfig.access)');
  }
  return problems;
}

async function checkPublint(tarball) {
  const data = readFileSync(tarball);
  const tar = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: tar }, level: 'suggestion', strict: true });
  const problems = [];
  const notes = [];
  for (const message of messages) {
    const text = `publint ${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`;
    (message.type === 'suggestion' ? notes : problems).push(text);
  }
  return { problems, notes };
}

async function checkAttw(tarball) {
  const { code, stdout, stderr } = await capture(
    run(process.execPath, [attwCli, tarball, '--format', 'json', '--profile', 'strict'], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return [`attw exited ${code} without a report:\n${stderr.trim()}`];
  }
  if (report.analysis?.types === false) return ['attw: the package ships no types'];
  const problems = [];
  for (const [kind, list] of Object.entries(report.problems ?? {})) {
    for (const p of list) {
      const where = [p.entrypoint && `"${p.entrypoint}"`, p.resolutionKind].filter(Boolean).join(' ');
      problems.push(`attw ${kind}${where ? ` (${where})` : ''}`);
    }
  }
  if (code !== 0 && problems.length === 0) problems.push(`attw exited ${code}:\n${stderr.trim()}`);
  return problems;
}

/** Lists the files of an unpacked tarball as POSIX paths relative to its package folder. */
function listFiles(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path).split(sep).join('/')];
  });
}

/** Source maps, LICENSE and README links, read from the unpacked tarball. */
async function checkContents(tarball, workDir) {
  const dir = mkdtempSync(join(workDir, 'unpacked-'));
  await run('tar', ['-xzf', tarball, '-C', dir]);
  const pkgDir = join(dir, 'package');
  const files = new Set(listFiles(pkgDir));
  const problems = [];
  if (!files.has('LICENSE')) problems.push('LICENSE is not in the tarball (add it to "files")');

  for (const file of files) {
    if (!file.endsWith('.map')) continue;
    const map = JSON.parse(readFileSync(join(pkgDir, file), 'utf8'));
    const isDeclarationMap = file.endsWith('.d.ts.map');
    (map.sources ?? []).forEach((source, i) => {
      const target = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? '', source));
      if (files.has(target)) return;
      if (!isDeclarationMap && typeof map.sourcesContent?.[i] === 'string') return;
      problems.push(
        `${file} points at ${target}, which is not in the tarball` +
          (isDeclarationMap ? ' (go-to-definition would land nowhere)' : ' and has no sourcesContent') +
          ': a stale build output (delete dist/ and build), or a source left out of "files"',
      );
    });
  }

  const readme = files.has('README.md') ? readFileSync(join(pkgDir, 'README.md'), 'utf8') : '';
  if (!readme) problems.push('README.md is not in the tarball');
  const links = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$|(?:href|src)="([^"]+)"/gm;
  for (const match of readme.matchAll(links)) {
    const url = match[1] ?? match[2] ?? match[3];
    if (/^(https?:|mailto:|#)/.test(url)) continue;
    const line = readme.slice(0, match.index).split('\n').length;
    problems.push(`README.md:${line}: relative link ${url} is broken on the registry's page (use https://github.com/dotflow-io/dotflow-ts/blob/main/...)`);
  }
  return problems;
}

const workDir = mkdtempSync(join(tmpdir(), 'dotflow-check-publish-'));
let failed = false;
try {
  for (const dir of readdirSync(join(root, 'packages'))) {
    if (!existsSync(join(root, 'packages', dir, 'dist'))) {
      throw new Error(`packages/${dir}/dist is missing: run npm run build first`);
    }
  }
  const packed = await run(process.execPath, [join(root, 'scripts', 'pack.mjs'), join(workDir, 'tarballs')], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const tarballs = Object.entries(JSON.parse(packed.stdout));
  const pins = await capture(
    run(process.execPath, [join(root, 'scripts', 'sync-internal-versions.mjs'), '--check'], { cwd: root }),
  );
  if (pins.code !== 0) {
    failed = true;
    console.log(`✗ versions (fixed mode)\n    ${pins.stderr.trim().replace(/\n/g, '\n    ')}`);
  }
  const results = await Promise.all(
    tarballs.map(async ([name, tarball]) => {
      const [publish, lint, types, contents] = await Promise.all([
        checkPublish(tarball),
        checkPublint(tarball),
        checkAttw(tarball),
        checkContents(tarball, workDir),
      ]);
      return { name, notes: lint.notes, problems: [...publish, ...lint.problems, ...types, ...contents] };
    }),
  );
  for (const { name, notes, problems } of results) {
    failed ||= problems.length > 0;
    console.log(`${problems.length ? '✗' : '✓'} ${name}`);
    for (const text of [...problems, ...notes]) console.log(`    ${text.replace(/\n/g, '\n    ')}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    failed
      ? `check:publish failed (${seconds} s)`
      : `check:publish: ${results.length} packages ready to publish (${seconds} s)`,
  );
} catch (error) {
  failed = true;
  console.error(`check:publish could not run: ${error.stack ?? error}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
