import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, finished, printed, runCliProcess, startCli, tempDir } from './cli-command';

jest.setTimeout(30_000);

const EVERY_SECOND = '* * * * * *';

describe('dotflow schedule', () => {
  it('triggers runs on the cron expression, prints each trigger and run, and stops on SIGTERM (143)', async () => {
    const cwd = tempDir();
    const child = startCli(['schedule', join(FIXTURES, 'dotflow.workflow.ts'), '--cron', EVERY_SECOND, '--workflow-id', 'tick'], cwd);
    const done = finished(child);
    await printed(child, /^pipeline Completed in .+ run [0-9a-f-]{36}$/);
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(143);
    expect(r.stdout).toMatch(/^Scheduled pipeline on '\* \* \* \* \* \*' \(overlap skip\); next run \S+Z\. Ctrl-C stops\.\n/);
    expect(r.stdout).toMatch(/^⏰ pipeline triggered \(due \S+\) run [0-9a-f-]{36}\n🔵 one In progress \(attempt 1\)\n/m);
    expect(r.stdout.endsWith('Stopped.\n')).toBe(true);
    const history = readFileSync(join(cwd, '.output', 'flow.log'), 'utf8');
    expect(history).toContain('"type":"schedule","workflowId":"tick"');
    expect(history).toMatch(/"type":"workflow","workflowId":"tick".*"status":"Completed"/);
  });

  it('prints the triggers overlap skip drops; on SIGTERM during a run, gives it --grace ms, then cancels it (the step sees its signal) and exits 143', async () => {
    const child = startCli(['schedule', join(FIXTURES, 'slow.workflow.ts'), '--cron', EVERY_SECOND, '--grace', '100'], tempDir());
    const done = finished(child);
    const skipped = printed(child, /^⏰ slow skipped \(due \S+Z\)$/); // the next second's trigger: a run is going on
    await printed(child, 'STARTED');
    await skipped;
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(143);
    expect(r.stdout).toContain('STEP SAW ABORT\n⛔ wait Cancelled (attempt 1)');
    expect(r.stdout).toMatch(/^slow Cancelled in .+ run \S+\nStopped\.\n$/m);
  });

  it.each([
    [[], /^dotflow: Missing --cron: give a cron expression, e.g. --cron '\*\/5 \* \* \* \*'\n$/],
    [['--cron', 'nope'], /^dotflow: CronScheduler: cron "nope" is not a valid cron expression .*\n$/],
    [['--cron', EVERY_SECOND, '--overlap', 'later'], /^dotflow: Invalid --overlap 'later': expected one of skip, queue, parallel\n$/],
    [['--cron', EVERY_SECOND, '--grace', '-1'], /^dotflow: Invalid --grace '-1': expected an integer >= 0\n$/],
  ])('exits 2 with one line for %j', async (flags, message) => {
    const r = await runCliProcess(['schedule', join(FIXTURES, 'dotflow.workflow.ts'), ...flags], tempDir());
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
  });
});
