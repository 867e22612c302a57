import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { STARTER_WORKFLOW } from '../src/commands/init';
import { runCliProcess, tempDir } from './cli-command';

jest.setTimeout(30_000);

const root = join(__dirname, '..', '..', '..');

describe('dotflow init', () => {
  it('writes a starter workflow that dotflow start runs (its service injected), and refuses to overwrite it', async () => {
    const cwd = tempDir();
    const r = await runCliProcess(['init', 'proj'], cwd);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`Wrote proj/tsconfig.json\nWrote proj/workflow.ts\nRun it: npx dotflow start proj/workflow.ts --initial-context '{"name":"Ada"}'\nSee its plan: npx dotflow graph proj/workflow.ts\n`);
    expect(readFileSync(join(cwd, 'proj', 'workflow.ts'), 'utf8')).toBe(STARTER_WORKFLOW);

    // the project's dependencies, from the workspace
    mkdirSync(join(cwd, 'node_modules', '@dotflow'), { recursive: true });
    symlinkSync(join(root, 'packages', 'core'), join(cwd, 'node_modules', '@dotflow', 'core'));
    symlinkSync(join(root, 'node_modules', 'tsyringe'), join(cwd, 'node_modules', 'tsyringe'));
    const run = await runCliProcess(['start', 'proj/workflow.ts', '-i', '{"name":"Ada"}', '--output', 'json'], cwd);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { tasks: { currentContext: { storage: unknown } }[] }).tasks.map((t) => t.currentContext.storage)).toEqual(['Hello, Ada!', 'HELLO, ADA!']);

    const again = await runCliProcess(['init', 'proj'], cwd);
    expect([again.code, again.stdout]).toEqual([2, '']);
    expect(again.stderr).toMatch(/^dotflow: '.*proj\/workflow\.ts' exists: dotflow init never overwrites a file; pick another folder \(dotflow init <dir>\)\n$/);
    expect(readFileSync(join(cwd, 'proj', 'workflow.ts'), 'utf8')).toBe(STARTER_WORKFLOW);
  });
});
