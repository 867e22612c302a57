import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHistory } from '../src/commands/logs';
import { FIXTURES, finished, printed, runCliProcess, startCli, tempDir } from './cli-command';

jest.setTimeout(30_000);

interface Listed { runId: string; workflowId: string; name: string; status: string; start: string; duration?: number; tasks: { taskId: string; status: string; attempt: number; error?: string }[] }

describe('dotflow logs', () => {
  it('lists the runs dotflow start wrote, and shows one run\'s tasks with attempts, durations and errors', async () => {
    const cwd = tempDir();
    expect((await runCliProcess(['start', join(FIXTURES, 'failing.workflow.ts'), '--workflow-id', 'etl'], cwd)).code).toBe(1);
    expect((await runCliProcess(['start', join(FIXTURES, 'class.workflow.ts'), '--workflow-id', 'greet'], cwd)).code).toBe(0);

    const json = await runCliProcess(['logs', '--json'], cwd);
    expect(json.code).toBe(0);
    const runs = JSON.parse(json.stdout) as Listed[];
    expect(runs.map((r) => [r.workflowId, r.name, r.status])).toEqual([['etl', 'failing', 'Failed'], ['greet', 'GreetWorkflow', 'Completed']]);
    expect(runs[0]!.tasks).toEqual([
      expect.objectContaining({ taskId: 'fine', status: 'Completed', attempt: 1 }),
      expect.objectContaining({ taskId: 'load', status: 'Failed', attempt: 2, error: 'Error: no db' }),
    ]);

    const list = await runCliProcess(['logs'], cwd);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN +WORKFLOW +STATUS +STARTED +DURATION +DONE +FAILED$/);
    expect(lines[1]).toMatch(new RegExp(`^${runs[0]!.runId} +failing \\(etl\\) +Failed +${runs[0]!.start.replace(/\./g, '\\.')} +\\S+ m?s +1 +1$`));
    expect(lines[2]).toMatch(new RegExp(`^${runs[1]!.runId} +GreetWorkflow \\(greet\\) +Completed .* 2 +0$`));

    const one = await runCliProcess(['logs', runs[0]!.runId.slice(0, 30)], cwd);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^failing \(workflow etl\) run \S+: Failed, started \S+, \S+ m?s\n✅ fine {2}Completed {2}attempt 1 {2}\d+ ms\n❌ load {2}Failed {2}attempt 2 {2}\S+ m?s\n {4}Error: no db\n$/);
  });

  it('reads --path, and exits 2 with one line for no history or no such run', async () => {
    const cwd = tempDir();
    const none = await runCliProcess(['logs'], cwd);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toMatch(/^dotflow: No run history at '.*flow\.log': run 'dotflow start' first, or give the folder with --path\n$/);
    await runCliProcess(['start', join(FIXTURES, 'dotflow.workflow.ts'), '--path', 'out'], cwd);
    expect((await runCliProcess(['logs', '--path', 'out'], cwd)).stdout).toMatch(/ pipeline \(.*\) +Completed /);
    const missing = await runCliProcess(['logs', 'ffff', '--path', 'out'], cwd);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^dotflow: No run 'ffff' in .*: 'dotflow logs' lists the runs\n$/)]);
  });

  it('--follow prints the events appended to the history by another process, until Ctrl-C (exit 0)', async () => {
    const cwd = tempDir();
    await runCliProcess(['start', join(FIXTURES, 'dotflow.workflow.ts'), '--workflow-id', 'first'], cwd);
    const follower = startCli(['logs', '--follow'], cwd);
    const done = finished(follower);
    await printed(follower, `Following '${join(cwd, '.output', 'flow.log')}' (Ctrl-C stops)`);
    const followed = printed(follower, /^second \S+ failing Failed in /); // listening before the run
    expect((await runCliProcess(['start', join(FIXTURES, 'failing.workflow.ts'), '--workflow-id', 'second'], cwd)).code).toBe(1);
    await followed;
    follower.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^RUN .*\n\S+ +pipeline \(first\) +Completed /);
    expect(r.stdout).toMatch(/^second \S+ ❌ load Failed \(attempt 2\) in .+ — Error: no db$/m);
    expect(r.stdout).not.toMatch(/^first /m); // only what was appended
  });

  it('skips lines that are not JSON events (a line cut by a crash, a caught error)', () => {
    const dir = tempDir();
    const file = join(dir, 'flow.log');
    const at = '2026-12-01T10:00:00.000Z';
    appendFileSync(file, [
      JSON.stringify({ time: at, level: 'info', type: 'workflow', workflowId: 'w', runId: 'r1', name: 'w', status: 'In progress' }),
      JSON.stringify({ time: at, level: 'error', message: 'a provider threw' }),
      JSON.stringify({ time: at, level: 'info', type: 'task', workflowId: 'w', runId: 'r1', taskId: 'a', name: 'a', status: 'In progress', attempt: 1 }),
      '{"time":"2026-12-01T10:00:0',
    ].join('\n'));
    expect(readHistory(readFileSync(file, 'utf8'))).toEqual([
      { runId: 'r1', workflowId: 'w', name: 'w', status: 'In progress', start: at, tasks: [{ taskId: 'a', status: 'In progress', attempt: 1 }] },
    ]);
  });
});
