import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { announced, fixtureCommand, startFixture } from './fixture-command';
import { tempDir } from './helpers';

describe('crash and resume across processes', () => {
  it('a run killed with SIGKILL during step 3 resumes in a new process: 1–2 Skipped, 3–5 run, 1–2 ran once', async () => {
    const dir = tempDir('dotflow-crash-');
    const path = join(dir, 'store');
    const counter = join(dir, 'counter.txt');

    const first = startFixture('crash-run.fixture.ts', [path, counter], { HANG_AT: 's3' });
    let stderr = '';
    first.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const killed = new Promise<NodeJS.Signals | null>((resolve) => first.once('close', (_code, signal) => resolve(signal)));
    await announced(first, 'hanging');
    first.kill('SIGKILL');
    expect(await killed).toBe('SIGKILL');
    expect(stderr).toBe('');
    expect(readFileSync(counter, 'utf8').split('\n').filter(Boolean)).toEqual(['s1', 's2', 's3']);

    const resuming = fixtureCommand('crash-run.fixture.ts', [path, counter]);
    const second = spawnSync(resuming.command, resuming.args, { env: resuming.env, encoding: 'utf8', timeout: 20_000 });
    expect(second.error).toBeUndefined();
    expect(second.stderr).toBe('');
    const report = JSON.parse(second.stdout) as { status: string; events: string[]; last: string[] };
    expect(report.status).toBe('Completed');
    expect(report.events).toEqual([
      's1:Skipped', 's2:Skipped',
      's3:In progress', 's3:Completed', 's4:In progress', 's4:Completed', 's5:In progress', 's5:Completed',
    ]);
    expect(report.last).toEqual(['s1', 's2', 's3', 's4', 's5']);
    const runs = readFileSync(counter, 'utf8').split('\n').filter(Boolean);
    expect(runs.filter((s) => s === 's1')).toHaveLength(1);
    expect(runs.filter((s) => s === 's2')).toHaveLength(1);
    expect(runs).toEqual(['s1', 's2', 's3', 's3', 's4', 's5']);
  }, 30_000);
});
