import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { FIXTURES, cliArgv, cliEnv, tempDir } from './cli-command';

jest.setTimeout(30_000);

const fixture = (name: string): string => join(FIXTURES, name);
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
/** `dotflow <args>` as one shell command line. */
const commandLine = (args: readonly string[]): string => cliArgv(args).map(quote).join(' ');

type Pty = ChildProcessByStdio<Writable, Readable, null>;
const ptys = new Set<Pty>();

afterEach(async () => {
  await Promise.all([...ptys].map((child) => new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGKILL');
  })));
});

/** `dotflow <args>` in a real pseudo-terminal (util-linux `script`); its raw output, cursor codes and all. */
function inPty(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): { child: Pty; output: () => string; closed: Promise<number | null>; shows: (text: string) => Promise<void> } {
  const child = spawn('script', ['-qfec', commandLine(args), '/dev/null'], { cwd, env: cliEnv({ COLUMNS: '100', ...env }), stdio: ['pipe', 'pipe', 'inherit'] });
  ptys.add(child);
  let out = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.filter((x) => out.includes(x.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => { ptys.delete(child); resolve(code); }));
  const shows = (text: string): Promise<void> => (out.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve })));
  return { child, output: () => out, closed, shows };
}

describe('the live view, in a pseudo-terminal', () => {
  it('redraws one line per task with a spinner while running, and Ctrl-C cancels the run (exit 130)', async () => {
    const pty = inPty(['start', fixture('slow.workflow.ts')], tempDir());
    await pty.shows('STARTED');
    expect(pty.output()).toMatch(/⚪ wait {2}Not started\r\n⚪ later {2}Not started\r\n/);
    expect(pty.output()).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] wait {2}In progress {2}attempt 1\r\n⚪ later {2}Not started/);
    expect(pty.output()).toContain('\u001b[2F\u001b[0J'); // redrawn in place
    pty.child.stdin.write('\u0003'); // Ctrl-C: the terminal sends SIGINT
    expect(await pty.closed).toBe(130);
    expect(pty.output()).toContain('STEP SAW ABORT');
    expect(pty.output()).toMatch(/⛔ wait {2}Cancelled {2}attempt 1 {2}\S+ m?s\r\n⛔ later {2}Cancelled\r\n/);
    expect(pty.output()).toContain('\u001b[?25hInterrupted: the run was cancelled.\r\nslow Cancelled in ');
  });

  it('draws a schedule live: the run going on under its header, the next run, triggers above; Ctrl-C stops it (exit 130)', async () => {
    const pty = inPty(['schedule', fixture('slow.workflow.ts'), '--cron', '* * * * * *', '--grace', '50'], tempDir());
    await pty.shows('STARTED');
    await pty.shows('slow skipped'); // the next second's trigger, while the run goes on
    const out = pty.output();
    expect(out).toMatch(/Scheduled slow on '\* \* \* \* \* \*' \(overlap skip\); next run \S+Z\. Ctrl-C stops\.\r\n/);
    expect(out).toMatch(/⏰ slow triggered \(due \S+Z\) run [0-9a-f-]{36}\r\n/);
    expect(out).toMatch(/▶ slow run [0-9a-f-]{36}\r\n {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] wait {2}In progress {2}attempt 1\r\n {2}⚪ later {2}Not started\r\n⏰ next run \S+Z · 1 run going on · Ctrl-C stops\r\n/);
    expect(out).toMatch(/⏰ slow skipped \(due \S+Z\)\r\n/);
    pty.child.stdin.write('\u0003');
    expect(await pty.closed).toBe(130);
    expect(pty.output()).toContain('STEP SAW ABORT');
    // eslint-disable-next-line no-control-regex -- the cursor codes are what this checks
    expect(pty.output()).toMatch(/slow Cancelled in \S+ m?s run [0-9a-f-]{36}\r\n⏰ next run \S+ · 0 runs going on · Ctrl-C stops\r\n(\u001b\[1F\u001b\[0J⏰ next run \S+ · 0 runs going on · Ctrl-C stops\r\n)*\u001b\[1F\u001b\[0J\u001b\[\?25hStopped\.\r\n$/); // the footer cleared at the end
  });

  it('falls back to plain lines with NO_COLOR or CI set, even on a terminal', async () => {
    for (const env of [{ NO_COLOR: '1' }, { CI: 'true' }]) {
      const pty = inPty(['start', fixture('dotflow.workflow.ts')], tempDir(), env);
      expect(await pty.closed).toBe(0);
      expect(pty.output()).not.toContain('\u001b[');
      expect(pty.output()).toContain('🔵 one In progress (attempt 1)\r\n');
    }
  });

  it('leaves the final statuses, the error line and the summary on the screen (tmux)', async () => {
    const server = `dotflow-cli-${process.pid}`;
    const tmux = (...args: string[]): string => spawnSync('tmux', ['-L', server, ...args], { encoding: 'utf8' }).stdout;
    const cwd = tempDir();
    try {
      const command = `cd ${quote(cwd)} && ${commandLine(['start', fixture('failing.workflow.ts')])}; echo EXIT=$?; tmux -L ${server} wait-for -S ended; sleep 60`;
      spawnSync('tmux', ['-L', server, 'new-session', '-d', '-x', '100', '-y', '30', '-s', 'cli', 'env', '-u', 'CI', '-u', 'NO_COLOR', ...Object.entries(cliEnv()).filter(([k]) => k === 'TS_NODE_PROJECT' || k === 'PATH').map(([k, v]) => `${k}=${v ?? ''}`), 'sh', '-c', command]);
      await new Promise<void>((resolve) => spawn('tmux', ['-L', server, 'wait-for', 'ended'], { stdio: 'ignore' }).once('close', () => resolve()));
      const screen = tmux('capture-pane', '-p', '-t', 'cli');
      expect(screen).toMatch(/^✅ fine {2}Completed {2}attempt 1 {2}\d+ ms$/m);
      expect(screen).toMatch(/^❌ load {2}Failed {2}attempt 2\/2 {2}\S+ m?s\n {4}Error: no db\n⚪ after {2}Not started\nfailing Failed in .+ \(3 tasks: 1 completed, 1 failed, 1 not started\)/m);
      expect(screen.match(/fine {2}/g)).toHaveLength(1); // redrawn in place, not appended
      expect(screen).toContain('EXIT=1');
    } finally {
      tmux('kill-server');
    }
  });
});
