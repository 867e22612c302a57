import { spawn } from 'node:child_process';

/** What a child process gave: its time from spawn to exit and its output. */
export interface ChildRun {
  /** Nanoseconds from `spawn()` to the child's `exit` event. */
  readonly ns: number;
  /** Its stdout, trimmed. */
  readonly stdout: string;
}

/**
 * Runs `node <script> …args` (this `process.execPath`); resolves once the child has exited with
 * code 0, rejects with its stderr otherwise.
 */
export function runChild(script: string, args: readonly string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let ns = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('exit', () => (ns = Number(process.hrtime.bigint() - t0)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ ns, stdout: stdout.trim() });
      else reject(new Error(`child run ${[script, ...args].join(' ')} ended with ${String(code ?? signal)}: ${stderr || stdout}`));
    });
  });
}
