#!/usr/bin/env node
// Pins every @dotflow/* dependency of every workspace (peer, dev and private ones too) to the
// version in lerna.json. `lerna version` runs it as the root `version` script, after it has bumped
// the packages and before it updates package-lock.json: lerna moves the pins of `dependencies`
// itself, but not those of `peerDependencies` (without the workspace: protocol, which npm lacks)
// nor those of private workspaces such as examples/ (--no-private). Stages what it changes.
// Usage: node scripts/sync-internal-versions.mjs [--check]   (--check: change nothing, exit 1 if a pin differs)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const { version } = readJson(join(root, 'lerna.json'));
const { workspaces = [] } = readJson(join(root, 'package.json'));

// Workspace globs here are `dir` or `dir/*`.
const manifests = workspaces
  .flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(root, pattern.slice(0, -2), entry.name, 'package.json'))
      : [join(root, pattern, 'package.json')],
  )
  .filter((file) => existsSync(file));

const internal = new Set(manifests.map((file) => readJson(file).name).filter((name) => name?.startsWith('@dotflow/')));
const fields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const changed = [];
const problems = [];
for (const file of manifests) {
  const manifest = readJson(file);
  const where = relative(root, file);
  if (!manifest.private && manifest.version !== version) {
    problems.push(`${where}: version ${manifest.version}, lerna.json says ${version} (fixed mode: one version for all)`);
  }
  let edited = false;
  for (const field of fields) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (!internal.has(name) || spec === version) continue;
      if (check) problems.push(`${where}: ${field}.${name} is ${spec}, not ${version}`);
      manifest[field][name] = version;
      edited = true;
    }
  }
  if (edited && !check) {
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    changed.push(file);
    console.log(`${where}: @dotflow/* pinned to ${version}`);
  }
}

if (changed.length > 0) {
  try {
    execFileSync('git', ['add', '--', ...changed], { cwd: root, stdio: 'ignore' });
  } catch {
    // not a git work tree: nothing to stage
  }
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  if (check) console.error('Run node scripts/sync-internal-versions.mjs to pin them.');
  process.exitCode = 1;
}
