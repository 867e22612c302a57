import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileStorage } from '@dotflow/core';
import { FIXTURES, finished, printed, runCliProcess, startCli, tempDir } from './cli-command';

const fixture = (name: string): string => join(FIXTURES, name);

jest.setTimeout(30_000);

describe('dotflow start', () => {
  it('runs a Workflow subclass with its injected service, printing plain lines and a summary when piped', async () => {
    const cwd = tempDir();
    const r = await runCliProcess(['start', fixture('class.workflow.ts'), '--initial-context', '{"name":"bob"}'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b'); // no cursor codes on a pipe
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('🔵 greet In progress (attempt 1)');
    expect(lines[1]).toMatch(/^✅ greet Completed \(attempt 1\) in \d+ ms$/);
    expect(lines[2]).toBe('🔵 shout In progress (attempt 1/2)');
    expect(lines[4]).toMatch(/^GreetWorkflow Completed in .+ \(2 tasks: 2 completed\) run [0-9a-f-]{36}$/);
  });

  it('prints the result as JSON with --output json (the injected service ran)', async () => {
    const r = await runCliProcess(['start', fixture('class.workflow.ts'), '-i', '{"name":"bob"}', '--output', 'json'], tempDir());
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { status: string; tasks: { taskId: string; currentContext: { storage: unknown } }[] };
    expect(result.status).toBe('Completed');
    expect(result.tasks.map((t) => [t.taskId, t.currentContext.storage])).toEqual([['greet', 'hello bob'], ['shout', 'HELLO BOB']]);
  });

  it('runs a DotFlow default export, an async factory by #Export, an ES module and a CommonJS .js file', async () => {
    const cwd = tempDir();
    const core = JSON.stringify(join(__dirname, '..', '..', 'core'));
    writeFileSync(join(cwd, 'plain.js'), `const { action, DotFlow } = require(${core});
const flow = new DotFlow({ name: 'plain-js' });
flow.task.add({ step: action({ name: 'only' }, () => 'js') });
module.exports = flow;
`);
    const flow = await runCliProcess(['start', fixture('dotflow.workflow.ts')], cwd);
    expect([flow.code, flow.stdout]).toEqual([0, expect.stringMatching(/^pipeline Completed .*\(2 tasks: 2 completed\)/m)]);
    const made = await runCliProcess(['start', `${fixture('dotflow.workflow.ts')}#makeFlow`, '--mode', 'parallel'], cwd);
    expect([made.code, made.stdout]).toEqual([0, expect.stringMatching(/^made Completed /m)]);
    const esm = await runCliProcess(['start', fixture('esm.workflow.mjs')], cwd);
    expect([esm.code, esm.stdout]).toEqual([0, expect.stringMatching(/^esm Completed /m)]);
    const js = await runCliProcess(['start', 'plain.js'], cwd);
    expect([js.code, js.stdout]).toEqual([0, expect.stringMatching(/^plain-js Completed /m)]);
  });

  it('exits 1 on a failed run, with the retry, the error line and the tasks that never started', async () => {
    const r = await runCliProcess(['start', fixture('failing.workflow.ts')], tempDir());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('❗ load Retry (attempt 1/2) — Error: no db\n');
    expect(r.stdout).toMatch(/^❌ load Failed \(attempt 2\/2\) in .+ — Error: no db$/m);
    expect(r.stdout).toMatch(/^failing Failed in .+ \(3 tasks: 1 completed, 1 failed, 1 not started\)/m);
    expect(r.stderr).toContain('ERROR [dotflow]'); // the log's lines go to stderr
  });

  it('runs the rest of the chain after a failure with --keep-going, and passes --concurrency on', async () => {
    const r = await runCliProcess(['start', fixture('failing.workflow.ts'), '--keep-going', '--concurrency', '2'], tempDir());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✅ after Completed \(attempt 1\)/m);
    expect(r.stdout).toMatch(/^failing Failed in .+ \(3 tasks: 2 completed, 1 failed\)/m);
  });

  it('writes the log as JSON lines on stderr with --log-format json', async () => {
    const r = await runCliProcess(['start', fixture('failing.workflow.ts'), '--log-format', 'json'], tempDir());
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { level: string; status?: string; taskId?: string });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', status: 'Failed', taskId: 'load' }));
  });

  it('exits 1 with a line saying so when the run stalls (the event loop drains mid-run)', async () => {
    const r = await runCliProcess(['start', fixture('stall.workflow.ts')], tempDir());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('dotflow: the run stalled: a step is awaiting a promise that nothing is left to settle (no timer, socket or file open)\n');
  });

  it('writes the run history to <path>/flow.log and checkpoints with --storage file', async () => {
    const cwd = tempDir();
    const r = await runCliProcess(['start', fixture('dotflow.workflow.ts'), '--storage', 'file', '--path', 'out', '--workflow-id', 'hist'], cwd);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(cwd, 'out', 'flow.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { workflowId: string; status: string });
    expect(lines.every((l) => l.workflowId === 'hist')).toBe(true);
    expect(lines.at(-1)?.status).toBe('Completed');
    const resumed = await runCliProcess(['start', fixture('dotflow.workflow.ts'), '--storage', 'file', '--path', 'out', '--workflow-id', 'hist', '--resume'], cwd);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('⏭️ one Skipped');
    expect(existsSync(join(cwd, '.output'))).toBe(false);
  });

  it.each([
    [['--mode', 'nope'], /^dotflow: Invalid --mode 'nope': expected one of sequential, .*parallel\n$/],
    [['--initial-context', '{bad'], /^dotflow: Invalid --initial-context: not JSON .*\n$/],
    [['--concurrency', '0'], /^dotflow: Invalid --concurrency '0': expected an integer >= 1\n$/],
    [['--storage', 's3'], /^dotflow: Invalid --storage 's3': expected one of memory, file\n$/],
    [['--on-input-change', 'keep'], /^dotflow: Invalid --on-input-change 'keep': expected one of reuse, reset, raise\n$/],
  ])('exits 2 with one line for a bad flag value %j', async (flags, message) => {
    const r = await runCliProcess(['start', fixture('dotflow.workflow.ts'), ...flags], tempDir());
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['nofile.ts', /^dotflow: No such file: '.*nofile\.ts'/],
    ['dotflow.workflow.ts#nope', /^dotflow: '.*dotflow\.workflow\.ts' has no export 'nope' \(exports: .*makeFlow.*\)\n$/],
    ['dotflow.workflow.ts#notAWorkflow', /^dotflow: Export 'notAWorkflow' of .* is number, not a workflow: export a Workflow subclass, a DotFlow, or a function returning one\n$/],
    ['throws.workflow.ts', /^dotflow: Cannot load '.*throws\.workflow\.ts': it threw while loading: Error: config missing\n$/],
    ['untyped.workflow.ts', /^dotflow: Cannot resolve workflow Untyped: its constructor takes parameters, and tsyringe knows no types for them .*put @inject\(Token\) on each constructor parameter \(no emitted metadata needed\)\.\n$/],
  ])('exits 2 with one line naming the problem for %s', async (file, message) => {
    const r = await runCliProcess(['start', fixture(file)], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 with one line when start() is refused: a workflow id another live process holds on the storage, its files untouched', async () => {
    const cwd = tempDir();
    const first = await runCliProcess(['start', fixture('dotflow.workflow.ts'), '--storage', 'file', '--path', 'out', '--workflow-id', 'held'], cwd);
    expect(first.code).toBe(0);
    const before = readFileSync(join(cwd, 'out', 'flow.log'), 'utf8');
    const release = await new FileStorage({ path: join(cwd, 'out') }).claim('held'); // this test's process holds it
    try {
      const r = await runCliProcess(['start', fixture('dotflow.workflow.ts'), '--storage', 'file', '--path', 'out', '--workflow-id', 'held'], cwd);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(new RegExp(`^dotflow: Workflow 'held' is claimed by process [^:]+:${process.pid}:\\d+: one run of a workflow id at a time may use a storage\\. Wait for that run to end, or pass --workflow-id <id> to run this one under another id\\. .*\n$`));
      expect(readFileSync(join(cwd, 'out', 'flow.log'), 'utf8')).toBe(before);
    } finally {
      await release();
    }
    const resumed = await runCliProcess(['start', fixture('dotflow.workflow.ts'), '--storage', 'file', '--path', 'out', '--workflow-id', 'held', '--resume'], cwd);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('⏭️ one Skipped');
  });

  it('exits 2 with one line on an unknown flag or command (commander), 0 on --help, and prints the stack only with --verbose', async () => {
    const unknown = await runCliProcess(['start', '--bogus'], tempDir());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("error: unknown option '--bogus'\n");
    const command = await runCliProcess(['frob'], tempDir());
    expect([command.code, command.stderr]).toEqual([2, "error: unknown command 'frob'\n"]);
    const help = await runCliProcess(['--help'], tempDir());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: dotflow \[options\] \[command\]\n[\s\S]*\n {2}start \[options\] <file>/);
    const verbose = await runCliProcess(['--verbose', 'start', fixture('throws.workflow.ts')], tempDir());
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/\n {4}at /);
    expect(verbose.stderr).toMatch(/\nCaused by: Error: config missing\n {4}at .*throws\.workflow\.ts/);
  });

  it('cancels the run on SIGINT: the step sees its signal, the statuses are printed, exit 130', async () => {
    const child = startCli(['start', fixture('slow.workflow.ts')], tempDir());
    const done = finished(child);
    await printed(child, 'STARTED');
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('STEP SAW ABORT\n');
    expect(r.stdout).toContain('Interrupted: the run was cancelled.\n⛔ wait Cancelled (attempt 1)\n⛔ later Cancelled\n');
    expect(r.stdout).toMatch(/^slow Cancelled in .+ \(2 tasks: 2 cancelled\)/m);
  });
});
