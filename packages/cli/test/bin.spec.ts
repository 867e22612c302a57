import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN as DIST_BIN, FIXTURES, runBuilt, tempDir } from './cli-command';

jest.setTimeout(60_000);

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

  it('prints its version', async () => {
    const r = await runBuilt(['--version'], tempDir());
    expect([r.code, r.stdout]).toEqual([0, `${(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version}\n`]);
  });
});
