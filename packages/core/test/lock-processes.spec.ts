import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileStorage } from '@dotflow/core';
import { announced, runReportOf, startFixture, type Fixture } from './fixture-command';
import { tempDir } from './helpers';
import { holderText } from './storage-processes';

/** Starts the fixture resuming 'lock-test' in `path`; with `hold`, its step waits for stdin to end. */
function resumeIn(path: string, hold = false): Fixture {
  return startFixture('lock-resume.fixture.ts', [path], hold ? { HOLD: '1' } : {});
}

describe('two processes resuming the same workflow on one FileStorage folder', () => {
  it('the second gets WorkflowLockedError while the first runs; once the first ends, a resume succeeds', async () => {
    const path = tempDir('dotflow-lock-');
    const lock = join(path, new FileStorage({ path }).prefix('lock-test'), '.lock');

    const first = resumeIn(path, true);
    const firstReport = runReportOf(first);
    try {
      await announced(first, 'holding');
      const holder = holderText(first.pid as number);
      expect(readFileSync(lock, 'utf8')).toBe(holder);

      const second = await runReportOf(resumeIn(path));
      expect(second).toEqual({
        error: 'WorkflowLockedError',
        message: expect.stringContaining(`Workflow 'lock-test' is claimed by process ${holder}: `) as unknown,
      });
      expect(readFileSync(lock, 'utf8')).toBe(holder);
    } finally {
      first.stdin.end();
    }
    expect(await firstReport).toEqual({ status: 'Completed', tasks: ['Completed'] });
    expect(existsSync(lock)).toBe(false);

    expect(await runReportOf(resumeIn(path))).toEqual({ status: 'Completed', tasks: ['Skipped'] });
    expect(existsSync(lock)).toBe(false);
  }, 30_000);
});
