#!/usr/bin/env node
// Packs every published package (packages/*) into one folder, as `npm publish` would ship it.
// Usage: node scripts/pack.mjs [outDir]   (default: .pack/; build first: npm run build)
// Prints a JSON object { "<package name>": "<absolute tarball path>" } on stdout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, '.pack'));
mkdirSync(out, { recursive: true });

const tarballs = {};
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
      shell: process.platform === 'win32', // npm is npm.cmd there, which Node runs only through a shell
      cwd: join(root, 'packages', dir),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  tarballs[manifest.name] = join(out, packed[0].filename);
}
process.stdout.write(`${JSON.stringify(tarballs, null, 2)}\n`);
