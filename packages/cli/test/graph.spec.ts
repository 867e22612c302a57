import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, runCliProcess, tempDir } from './cli-command';

jest.setTimeout(30_000);

const groups = join(FIXTURES, 'groups.workflow.ts');

describe('dotflow graph', () => {
  it('prints the tasks in order with their groups and options, and runs nothing', async () => {
    const cwd = tempDir();
    const r = await runCliProcess(['graph', groups], cwd);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      'etl (workflow etl): 3 tasks, mode parallel_group\n' +
        '  1. extract  group db  retry 3 every 100 ms, timeout 5000 ms, backoff x2\n' +
        '  2. load     group db\n' +
        '  3. mail     group notify  own initial context, callback\n',
    );
    expect(existsSync(join(cwd, 'RAN'))).toBe(false);
    expect(existsSync(join(cwd, '.output'))).toBe(false);
  });

  it('prints describe() as JSON with --output json (or --format json)', async () => {
    const cwd = tempDir();
    for (const flags of [['--output', 'json'], ['--format', 'json']]) {
      const r = await runCliProcess(['graph', groups, ...flags], cwd);
      expect(r.code).toBe(0);
      const plan = JSON.parse(r.stdout) as { mode: string; tasks: { taskId: string; group: string; options: { retry: number } }[] };
      expect(plan.mode).toBe('parallel_group');
      expect(plan.tasks.map((t) => [t.taskId, t.group, t.options.retry])).toEqual([['extract', 'db', 3], ['load', 'db', 1], ['mail', 'notify', 1]]);
    }
  });

  it('draws a Mermaid flowchart: groups as subgraphs fanning out in parallel_group, a chain otherwise', async () => {
    const cwd = tempDir();
    const r = await runCliProcess(['graph', groups, '--format', 'mermaid'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  subgraph g0["db"]\n    t0["extract<br/>retry 3 every 100 ms, timeout 5000 ms, backoff x2"]\n    t1["load"]\n  end\n  start --> t0 --> t1 --> finish\n');
    expect(r.stdout).toContain('  start --> t2 --> finish\n');
    const chain = await runCliProcess(['graph', join(FIXTURES, 'class.workflow.ts'), '-f', 'mermaid'], cwd);
    expect(chain.stdout).toMatch(/start --> t0 --> t1\n {2}t1 --> finish\n$/);
  });

  it('exits 2 with one line for a bad --format, and for a file that is not there', async () => {
    const cwd = tempDir();
    const bad = await runCliProcess(['graph', groups, '--format', 'dot'], cwd);
    expect([bad.code, bad.stderr]).toEqual([2, "dotflow: Invalid --format 'dot': expected one of text, json, mermaid\n"]);
    const missing = await runCliProcess(['graph', 'nope.ts'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^dotflow: No such file: '.*nope\.ts'/);
  });
});
