import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, cliEnv, tempDir, type CliResult } from './cli-command';

jest.setTimeout(60_000);

/** The built binary (`npx tsc -b packages/cli` makes it). */
const DIST_BIN = join(__dirname, '..', 'dist', 'bin.js');

/** Runs the built `dotflow` in `cwd`, with no TypeScript loader registered in its process. */
function runBuilt(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [DIST_BIN, ...args], { cwd, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('the built dotflow binary', () => {
  it('is built, with its shebang', () => {
    expect(existsSync(DIST_BIN)).toBe(true); // build first: npx tsc -b packages/cli
    expect(readFileSync(DIST_BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('loads a .ts file through ts-node/register resolved from the current folder, keeping decorator metadata for DI', async () => {
    const out = tempDir();
    const r = await runBuilt(['start', join(FIXTURES, 'class.workflow.ts'), '-i', '{"name":"ts"}', '--path', out, '--output', 'json'], join(__dirname, '..'), { TS_NODE_TRANSPILE_ONLY: 'true' });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const result = JSON.parse(r.stdout) as { tasks: { currentContext: { storage: unknown } }[] };
    expect(result.tasks.map((t) => t.currentContext.storage)).toEqual(['hello ts', 'HELLO TS']);
  });

  it('says how to run a .ts file when no TypeScript loader can be found (exit 2)', async () => {
    const r = await runBuilt(['start', join(FIXTURES, 'class.workflow.ts')], tempDir());
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^dotflow: Cannot load '.*class\.workflow\.ts': running a \.ts file needs a TypeScript loader that keeps decorator metadata\. Install ts-node in your project \(npm i -D ts-node\), or compile the file \(tsc\) and run the \.js\n$/);
  });

  it('runs what init wrote, type-checked by ts-node with the tsconfig init wrote (decorator metadata on)', async () => {
    const cwd = tempDir();
    expect((await runBuilt(['init'], cwd)).code).toBe(0);
    const root = join(__dirname, '..', '..', '..');
    mkdirSync(join(cwd, 'node_modules', '@dotflow'), { recursive: true });
    symlinkSync(join(root, 'packages', 'core'), join(cwd, 'node_modules', '@dotflow', 'core'));
    for (const name of ['tsyringe', 'ts-node', 'typescript']) symlinkSync(join(root, 'node_modules', name), join(cwd, 'node_modules', name));
    const r = await runBuilt(['start', 'workflow.ts', '-i', '{"name":"Ada"}', '--output', 'json'], cwd, { TS_NODE_PROJECT: join(cwd, 'tsconfig.json') });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect((JSON.parse(r.stdout) as { tasks: { currentContext: { storage: unknown } }[] }).tasks.map((t) => t.currentContext.storage)).toEqual(['Hello, Ada!', 'HELLO, ADA!']);
  });

  it('prints its version', async () => {
    const r = await runBuilt(['--version'], tempDir());
    expect([r.code, r.stdout]).toEqual([0, `${(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version}\n`]);
  });
});
