import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** A fixture (a TypeScript file in `test/fixtures`) as a command for `spawn` / `spawnSync`. */
export interface FixtureCommand {
  readonly command: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * How to run `test/fixtures/<name>` in a process of its own (through ts-node, no build needed),
 * with `args` after the script and `env` over this process's environment.
 */
export function fixtureCommand(name: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): FixtureCommand {
  return {
    command: process.execPath,
    args: ['-r', 'ts-node/register/transpile-only', join(__dirname, 'fixtures', name), ...args],
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', '..', 'tsconfig.test.json'), ...env },
  };
}

/** A fixture started by {@link startFixture}: its stdin, stdout and stderr are pipes. */
export type Fixture = ChildProcessByStdio<Writable, Readable, Readable>;

/** The fixtures {@link startFixture} started that have not closed yet. */
const running = new Set<Fixture>();

// Whatever a test leaves running (it failed, or timed out, before its child ended) is killed after
// it, so that no process outlives its test.
afterEach(async () => {
  await Promise.all([...running].map((child) => new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.stdout.resume(); // 'close' waits for the pipes to be read to their end
    child.stderr.resume();
    child.kill('SIGKILL');
  })));
});

/**
 * Starts `test/fixtures/<name>` (see {@link fixtureCommand}) in a child process with piped stdio.
 * A child still running when its test ends is killed with SIGKILL (an `afterEach` this module
 * registers when a spec imports it).
 */
export function startFixture(name: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Fixture {
  const fixture = fixtureCommand(name, args, env);
  const child = spawn(fixture.command, fixture.args, { env: fixture.env, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.once('close', () => running.delete(child));
  return child;
}

/** Resolves once the child has printed `line` (a whole line of its stdout); rejects if it ends first. */
export function announced(child: ChildProcess & { readonly stdout: Readable; readonly stderr: Readable }, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').includes(line)) resolve();
    });
    child.once('close', (code, signal) => reject(new Error(`fixture ended (${code ?? signal}) before "${line}": ${out}${err}`)));
  });
}

/** What a run fixture prints as its last line: a run's statuses, or the error its start() rejected with. */
export interface RunReport { status?: string; tasks?: string[]; error?: string; message?: string }

/**
 * The last line a fixture printed, as JSON, once it has exited; a crash or any stderr output
 * becomes `{ error: 'exit <code>', message: <its output> }`.
 */
export function runReportOf(child: Fixture): Promise<RunReport> {
  return new Promise((resolve) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.once('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      resolve(code === 0 && err === '' ? (JSON.parse(last) as RunReport) : { error: `exit ${code}`, message: `${out}${err}` });
    });
  });
}
