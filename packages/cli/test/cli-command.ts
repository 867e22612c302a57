import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** The built binary, as `npm install` links it (`npm run build` makes it; `npm test` builds first). */
export const BIN = join(__dirname, '..', 'dist', 'bin.js');
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npm run build)`);
/** The fixture workflow files. */
export const FIXTURES = join(__dirname, 'fixtures');
const TS_NODE = require.resolve('ts-node/register/transpile-only');
const TS_NODE_PROJECT = join(__dirname, '..', '..', '..', 'tsconfig.test.json');

/** The environment of a CLI child: no `CI` / `NO_COLOR` unless given, the test tsconfig for ts-node. */
export function cliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, TS_NODE_PROJECT };
  delete base.CI;
  delete base.NO_COLOR;
  return { ...base, ...env };
}

/**
 * The shell-free command line of `dotflow <args>` (for `script` and tmux): the built binary, with
 * ts-node (transpile-only) preloaded so that it loads the `.ts` fixtures as a project's ts-node would.
 */
export function cliArgv(args: readonly string[]): string[] {
  return [process.execPath, '-r', TS_NODE, BIN, ...args];
}

/** A CLI child with piped stdio. */
export type Cli = ChildProcessByStdio<Writable, Readable, Readable>;

/** What a finished CLI child printed, and how it ended. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<Cli>();
const temps: string[] = [];

afterEach(async () => {
  await Promise.all([...running].map((child) => new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.stdout.resume();
    child.stderr.resume();
    child.kill('SIGKILL');
  })));
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dotflow-cli-'));
  temps.push(dir);
  return dir;
}

/** Starts `dotflow <args>` in `cwd`. */
export function startCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Cli {
  const [command, ...rest] = cliArgv(args);
  const child = spawn(command!, rest, { cwd, env: cliEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.once('close', () => running.delete(child));
  return child;
}

/** A child process whose stdout and stderr are piped (a CLI child, or any other command). */
export type PipedChild = ChildProcessByStdio<Writable | null, Readable, Readable>;

/** Resolves with what `child` printed once it ends. */
export function finished(child: PipedChild): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Runs `dotflow <args>` in `cwd` to its end. */
export function runCliProcess(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return finished(startCli(args, cwd, env));
}

/** Resolves once `child` printed the whole line `line` (or a line matching it) on stdout. */
export function printed(child: Cli, line: string | RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.split('\n').some((l) => (typeof line === 'string' ? l === line : line.test(l)))) resolve();
    });
    child.once('close', (code) => reject(new Error(`dotflow ended (${code}) before "${String(line)}": ${out}`)));
  });
}

/** Runs the built `dotflow` in `cwd` with no TypeScript loader preloaded (a `.ts` file then needs the project's ts-node). */
export function runBuilt(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.once('close', () => running.delete(child));
  child.stdin.end();
  return finished(child);
}
