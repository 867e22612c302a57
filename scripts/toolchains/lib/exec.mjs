// Child processes for the toolchain matrix: an environment that cannot reach the workspace's own
// tools, and a run() that captures a command's output and stops it (with its children) on timeout.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';

const running = new Set();

function kill(child) {
  try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
}

/** Stops every command still running (each with its children): for an interrupted matrix. */
export function stopAll() {
  for (const child of running) kill(child);
}

/**
 * The environment for a cell's commands: `npm run` puts the workspace's node_modules/.bin on PATH
 * and its settings in npm_* variables; both are dropped, so a cell only finds what it installed.
 */
export function sanitizedEnv(dir) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_PATH') continue;
    env[key] = value;
  }
  const bin = `${sep}node_modules${sep}.bin`;
  const path = (env.PATH ?? '').split(delimiter).filter((p) => p && !p.includes(bin));
  env.PATH = [join(dir, 'node_modules', '.bin'), ...path].join(delimiter);
  env.npm_config_update_notifier = 'false';
  return env;
}

/**
 * Runs `command` (an argv array) in `cwd`. With `localBin`, `node` is this Node and any other
 * program must be in the cell's node_modules/.bin. Resolves `{ code, output }` (stdout and stderr
 * interleaved, or stderr apart in `stderr` with `separateStderr`); never rejects.
 */
export function run(command, { cwd, env, timeoutMs, localBin = false, separateStderr = false }) {
  const [name, ...args] = command;
  let file = name;
  if (localBin) {
    if (name === 'node') file = process.execPath;
    else {
      file = join(cwd, 'node_modules', '.bin', name);
      if (!existsSync(file)) return Promise.resolve({ code: 127, output: `${name}: not installed in ${cwd}/node_modules/.bin\n`, stderr: '' });
    }
  }
  return new Promise((done) => {
    let output = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => {
      if (separateStderr) stderr += chunk;
      else output += chunk;
    });
    running.add(child);
    const timer = setTimeout(() => {
      timedOut = true;
      kill(child);
    }, timeoutMs);
    child.on('error', (error) => {
      running.delete(child);
      clearTimeout(timer);
      done({ code: 127, output: `${output}${error.message}\n`, stderr });
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      const note = timedOut ? `\n(stopped after ${timeoutMs / 1000}s)\n` : signal ? `\n(killed by ${signal})\n` : '';
      done({ code: code ?? 1, output: output + note, stderr });
    });
  });
}
