import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { VirtualClock } from '@dotflow/core/testing';
import { CronScheduler, stopOnSignals } from '@dotflow/scheduler';
import { MINUTE, START, slowFlow } from './harness';

describe('stopOnSignals', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
  });

  it('SIGTERM stops the schedule with the grace, then exits 143; the listeners go at the first signal', async () => {
    const clock = new VirtualClock(START);
    const { flow, runs } = slowFlow(clock, new CronScheduler({ cron: '*/5 * * * *' }), 3);
    const handle = await flow.schedule();
    await clock.advance(6 * MINUTE);
    const before = process.listenerCount('SIGTERM');
    const beforeInt = process.listenerCount('SIGINT');
    const exited = new Promise<number>((resolve) => stopOnSignals(handle, { graceMs: 5 * MINUTE, exit: resolve }));
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([before + 1, beforeInt + 1]);
    process.emit('SIGTERM', 'SIGTERM');
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([before, beforeInt]);
    expect(handle.nextRun()).toBeUndefined();
    await clock.advance(2 * MINUTE); // the run ends at 00:08, within the grace
    expect(await exited).toBe(143);
    expect(process.exitCode).toBe(143);
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Completed']);
    expect(clock.pending).toBe(0);
  });

  it('SIGINT exits 130 after cancelling what outlives the grace; the returned function removes the listeners', async () => {
    const clock = new VirtualClock(START);
    const scheduler = new CronScheduler({ cron: '*/5 * * * *' });
    const { flow, runs } = slowFlow(clock, scheduler, 10);
    await flow.schedule();
    await clock.advance(6 * MINUTE);
    const before = process.listenerCount('SIGINT');
    const remove = stopOnSignals(scheduler, { exit: false });
    remove();
    expect(process.listenerCount('SIGINT')).toBe(before);
    const exited = new Promise<number>((resolve) => stopOnSignals(scheduler, { graceMs: 0, signals: ['SIGINT'], exit: resolve }));
    process.emit('SIGINT', 'SIGINT');
    expect(await exited).toBe(130);
    expect(runs()).toEqual(['nightly:In progress', 'nightly:Cancelled']);
    expect(clock.pending).toBe(0);
  });
});

describe('stopOnSignals in a process of its own', () => {
  let child: ChildProcess | undefined;
  // a test that failed before its child ended must not leave the child running
  afterEach(() => {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('a real SIGTERM cancels the run after the grace and the process exits 143', async () => {
    const proc = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'fixtures', 'signal-stop.fixture.ts'), '100'], {
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', '..', 'tsconfig.test.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const lines: string[] = [];
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => { stderr += String(chunk); });
    const triggered = new Promise<void>((resolve) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        if (lines.includes('triggered')) resolve();
      });
    });
    const closed = once(proc, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
    await Promise.race([triggered, closed]);
    proc.kill('SIGTERM');
    const [code] = await closed;
    expect({ code, lines, stderr }).toEqual({ code: 143, lines: ['triggered', 'workflow:Cancelled'], stderr: '' });
  }, 20_000);
});
