import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What a fixture printed and how it ended. */
export interface FixtureOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `test/fixtures/<name>` in a process of its own through ts-node (no build needed; the
 * `@dotflow/*` packages resolve to their sources), killed after `timeoutMs`.
 */
export function runFixture(name: string, timeoutMs = 20_000): Promise<FixtureOutcome> {
  const root = join(__dirname, '..', '..', '..');
  const args = ['-r', 'ts-node/register/transpile-only', '-r', join(__dirname, 'fixtures', 'sources.preload.ts'), join(__dirname, 'fixtures', name)];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.test.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
