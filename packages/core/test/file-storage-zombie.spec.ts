import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStorage } from '@dotflow/core';
import { fixtureCommand } from './fixture-command';
import { tempDir } from './helpers';
import { holderText, stateOf } from './storage-processes';

type Shell = ChildProcessByStdio<null, Readable, Readable>;

/**
 * Starts the holder fixture in the background of `sh`, which then execs `sleep 30`: the holder's
 * parent is `sleep`, which never reaps a child, so the holder stays a zombie once killed. Its pipes
 * are the holder's alone (`sleep` writes to /dev/null), so their end says the holder has died.
 */
function holderUnderSleep(path: string): Shell {
  const fixture = fixtureCommand('file-storage-holder.fixture.ts', [path]);
  return spawn('sh', ['-c', '"$@" & exec sleep 30 >/dev/null 2>&1', 'sh', fixture.command, ...fixture.args], {
    env: fixture.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The holder's pid, once it has claimed. */
function heldBy(shell: Shell): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    shell.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const held = /^held ([0-9]+)$/m.exec(out);
      if (held !== null) resolve(Number(held[1]));
    });
    shell.stdout.once('end', () => reject(new Error(`the holder ended before claiming: ${out}`)));
  });
}

/** Resolves once `pid` shows state Z in /proc; the state is set just after the process closes its files. */
async function zombie(pid: number): Promise<void> {
  for (let i = 0; i < 10_000 && stateOf(pid) !== 'Z'; i++) await new Promise((resolve) => setImmediate(resolve));
  expect(stateOf(pid)).toBe('Z');
}

// Linux only (/proc), like the takeover rule it checks.
describe('FileStorage.claim and a holder that is a zombie', () => {
  it('takes over the lock of a SIGKILLed holder that its parent has not reaped yet', async () => {
    const path = tempDir('dotflow-fs-zombie-');
    const shell = holderUnderSleep(path);
    const closed = new Promise((resolve) => shell.once('close', resolve));
    let pid: number | undefined;
    try {
      pid = await heldBy(shell);
      const lock = join(path, 'wf', '.lock');
      expect(readFileSync(lock, 'utf8')).toBe(holderText(pid));
      const pipesEnd = Promise.all([shell.stdout, shell.stderr].map((pipe) => new Promise((resolve) => pipe.resume().once('end', resolve))));
      process.kill(pid, 'SIGKILL');
      await pipesEnd;
      await zombie(pid);

      const release = await new FileStorage({ path }).claim('wf');
      expect(readFileSync(lock, 'utf8')).toBe(holderText(process.pid));
      await release();
      expect(existsSync(lock)).toBe(false);
    } finally {
      if (pid !== undefined && stateOf(pid) !== 'Z') process.kill(pid, 'SIGKILL'); // the test failed before killing it
      shell.kill('SIGKILL');
      await closed;
    }
  }, 30_000);
});
