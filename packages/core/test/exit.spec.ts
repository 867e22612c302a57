import { spawnSync } from 'node:child_process';
import { fixtureCommand } from './fixture-command';

describe('no open handles', () => {
  it('a process that ran every mode, timeouts and cancels exits as soon as its runs end', () => {
    const fixture = fixtureCommand('modes-exit.fixture.ts');
    const child = spawnSync(fixture.command, fixture.args, { encoding: 'utf8', timeout: 20_000, env: fixture.env });
    const exitedAt = Date.now();
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const report = JSON.parse(child.stdout) as { statuses: string[]; endedAt: number };
    expect(report.statuses).toEqual([
      'sequential:Failed', 'sequential_group:Failed', 'parallel_group:Failed', 'background:Failed', 'parallel:Failed', 'cancel:Cancelled',
    ]);
    // Each slow step would hold the process for 10 s if anything of Dotflow kept it alive.
    expect(exitedAt - report.endedAt).toBeLessThan(3_000);
  });
});
