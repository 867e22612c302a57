import { spawn } from 'node:child_process';
import { UncloneableValueError } from '@dotflow/core';
import { fixtureCommand } from './fixture-command';

/** What a run of worker-step.fixture.ts printed, and how long its process lived after that. */
interface ScenarioOutcome {
  readonly code: number | null;
  readonly stderr: string;
  readonly report: Record<string, unknown>;
  /** From the fixture's last output to its exit, in ms. */
  readonly exitLagMs: number;
}

interface TaskJson {
  taskId: string;
  status: string;
  attempt: number;
  retryCount: number;
  errors: { attempt: number; exception: string; message: string; stack: string }[];
  storage: unknown;
}
interface RunJson {
  status: string;
  tasks: TaskJson[];
}

function runScenario(name: string): Promise<ScenarioOutcome> {
  const fixture = fixtureCommand('worker-step.fixture.ts', [name]);
  return new Promise((resolve, reject) => {
    const child = spawn(fixture.command, fixture.args, { env: fixture.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const killer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killer);
      const exitedAt = Date.now();
      try {
        const out = JSON.parse(stdout) as { report: Record<string, unknown>; endedAt: number };
        resolve({ code, stderr, report: out.report, exitLagMs: exitedAt - out.endedAt });
      } catch {
        reject(new Error(`scenario ${name} printed no report (exit ${code}): ${stdout}${stderr}`));
      }
    });
  });
}

// Real worker threads, in child processes running under ts-node (jest transforms test files
// itself, which a worker could not use). The scenarios run at once, to keep the suite short.
const SCENARIOS = ['timeout', 'cancel', 'method', 'function', 'errors', 'retry', 'uncloneable'] as const;
const outcomes = new Map<string, ScenarioOutcome>();

beforeAll(async () => {
  const results = await Promise.all(SCENARIOS.map(runScenario));
  SCENARIOS.forEach((name, i) => outcomes.set(name, results[i] as ScenarioOutcome));
}, 120_000);

function outcome(name: (typeof SCENARIOS)[number]): ScenarioOutcome {
  const o = outcomes.get(name) as ScenarioOutcome;
  expect(o.stderr).toBe('');
  expect(o.code).toBe(0);
  // The process exits as soon as its run ends: no worker outlives its attempt.
  expect(o.exitLagMs).toBeLessThan(1_500);
  return o;
}

describe("isolate: 'worker'", () => {
  it('a CPU-bound step (10 s busy loop) with timeout 200 ms fails with TaskTimeoutError at once, its worker terminated', () => {
    const { report } = outcome('timeout');
    const run = report as unknown as RunJson & { runMs: number };
    expect(run.status).toBe('Failed');
    expect(run.tasks[0]?.status).toBe('Failed');
    expect(run.tasks[0]?.errors.map((e) => [e.exception, e.message])).toEqual([['TaskTimeoutError', 'step "crunch" timed out after 200 ms']]);
    expect(run.runMs).toBeGreaterThanOrEqual(190);
    expect(run.runMs).toBeLessThan(2_000);
  });

  it('a cancel terminates a busy worker: the task ends Cancelled and the loop stops', () => {
    const { report } = outcome('cancel');
    const run = report as unknown as RunJson & { cancelMs: number; stillSpinning: boolean };
    expect(run.status).toBe('Cancelled');
    expect(run.tasks[0]?.status).toBe('Cancelled');
    expect(run.tasks[0]?.errors).toEqual([]);
    expect(run.cancelMs).toBeLessThan(500);
    expect(run.stillSpinning).toBe(false);
  });

  it('a Workflow method runs in a worker on a fresh instance with its injected service; contexts cross', () => {
    const { report } = outcome('method');
    const run = report as unknown as RunJson & { mainThread: number };
    expect(run.status).toBe('Completed');
    const [extract, greet] = run.tasks;
    expect(extract?.storage).toEqual({ names: ['Ada', 'Linus'], thread: run.mainThread });
    const out = greet?.storage as Record<string, unknown>;
    expect(out['greetings']).toEqual(['Hello, Ada', 'Hello, Linus']);
    expect(out['previousTaskId']).toBe('extract');
    expect(out['previousTimeIsDate']).toBe(true);
    expect(out['initial']).toEqual({ names: ['Ada', 'Linus'] });
    expect(out['task']).toMatchObject({ taskId: 'greet', name: 'greet', group: 'default', attempt: 1 });
    expect(out['thread']).not.toBe(run.mainThread);
  });

  it('an action() function runs in a worker; structured-cloneable values (Map, Date) cross both ways', () => {
    const run = outcome('function').report as unknown as RunJson;
    expect(run.status).toBe('Completed');
    const out = run.tasks[1]?.storage as Record<string, unknown>;
    expect(out).toMatchObject({ n: 42, fromInitial: 5, at: '1970-01-01T00:00:00.000Z' });
    expect(out['thread']).not.toBe(0);
  });

  it('an error thrown (or a promise rejected) in the worker keeps its class name, message and stack', () => {
    const run = outcome('errors').report as unknown as RunJson;
    expect(run.tasks.map((t) => t.status)).toEqual(['Failed', 'Failed']);
    const [quota, typeError] = run.tasks.map((t) => t.errors[0]);
    expect([quota?.exception, quota?.message]).toEqual(['QuotaError', 'quota exceeded for tenant 7']);
    expect(quota?.stack).toContain('worker-steps.ts');
    expect([typeError?.exception, typeError?.message]).toEqual(['TypeError', "Cannot read properties of null (reading 'x')"]);
  });

  it('retries like any step: the first attempt fails, the second (a new worker) succeeds', () => {
    const run = outcome('retry').report as unknown as RunJson;
    const task = run.tasks[0];
    expect(task?.status).toBe('Completed');
    expect([task?.attempt, task?.retryCount]).toEqual([2, 1]);
    expect(task?.errors.map((e) => [e.attempt, e.exception, e.message])).toEqual([[1, 'Error', 'the first attempt fails']]);
    expect(task?.storage).toMatchObject({ attempt: 2 });
  });

  it('a result or an input that is not structured-cloneable fails the attempt with UncloneableValueError', () => {
    const { result, input } = outcome('uncloneable').report as unknown as { result: RunJson; input: RunJson };
    const resultError = result.tasks[0]?.errors[0];
    expect(result.tasks[0]?.status).toBe('Failed');
    expect(resultError?.exception).toBe(UncloneableValueError.name);
    expect(resultError?.message).toMatch(/^step "returnsFunction" runs in a worker \(isolate: 'worker'\), but the result cannot be copied from it \(.+could not be cloned\)\. Values that cross to and from a worker must be structured-cloneable/);
    const inputError = input.tasks[0]?.errors[0];
    expect(inputError?.exception).toBe(UncloneableValueError.name);
    expect(inputError?.message).toContain('step "echo" runs in a worker (isolate: \'worker\'), but the initial context cannot be copied to it');
  });
});
