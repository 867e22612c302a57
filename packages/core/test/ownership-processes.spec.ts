import { readdirSync } from 'node:fs';
import { FileStorage } from '@dotflow/core';
import { announced, runReportOf, startFixture, type Fixture } from './fixture-command';
import { tempDir } from './helpers';

function run(path: string, options: { resume?: boolean; hold?: boolean }): Fixture {
  return startFixture('ownership.fixture.ts', [path], { RESUME: options.resume ? '1' : '0', HOLD: options.hold ? '1' : '0' });
}

/** The pid each checkpoint of 'owned' was written by (undefined: no checkpoint). */
async function writers(storage: FileStorage): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of ['s1', 's2', 's3']) out[t] = ((await storage.get(storage.key('owned', t))) as { storage?: unknown } | undefined)?.storage;
  return out;
}

describe('two processes on one FileStorage workflow id', () => {
  it('while one resumes, a plain run of the same id is refused, and the first\'s checkpoints stay whole and its own', async () => {
    const path = tempDir('dotflow-owned-');
    const storage = new FileStorage({ path });
    const first = run(path, { resume: true, hold: true });
    const firstReport = runReportOf(first);
    await announced(first, 'holding');
    expect(await writers(storage)).toEqual({ s1: first.pid, s2: undefined, s3: undefined });
    const before = readdirSync(`${path}/${storage.prefix('owned')}`).sort();

    const second = await runReportOf(run(path, {}));
    expect(second.error).toBe('WorkflowLockedError');
    expect(second.message).toContain(`Workflow 'owned' is claimed by process`);
    expect(second.message).toContain('pass start({ workflowId })');
    // nothing of the first run was deleted or overwritten
    expect(readdirSync(`${path}/${storage.prefix('owned')}`).sort()).toEqual(before);
    expect(await writers(storage)).toEqual({ s1: first.pid, s2: undefined, s3: undefined });
    expect(await storage.get(storage.key('owned', '#run'))).toMatchObject({ workflowId: 'owned' });

    first.stdin.end();
    expect(await firstReport).toEqual({ status: 'Completed', tasks: ['Completed', 'Completed', 'Completed'] });
    expect(await writers(storage)).toEqual({ s1: first.pid, s2: first.pid, s3: first.pid });

    // once the first has ended, the plain run goes ahead and starts afresh
    const third = run(path, {});
    expect(await runReportOf(third)).toEqual({ status: 'Completed', tasks: ['Completed', 'Completed', 'Completed'] });
    expect(await writers(storage)).toEqual({ s1: third.pid, s2: third.pid, s3: third.pid });
  }, 60_000);
});
