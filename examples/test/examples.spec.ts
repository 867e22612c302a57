import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputChangedError, TaskStatus, TaskTimeoutError, WorkflowStatus } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { main as asyncActions } from '../src/async-actions';
import { main as background } from '../src/background';
import { main as backoff } from '../src/backoff';
import { main as cancellation } from '../src/cancellation';
import { main as checkpointResume } from '../src/checkpoint-resume';
import { main as classWorkflow } from '../src/class-workflow';
import { main as contextPassing } from '../src/context-passing';
import { main as events } from '../src/events';
import { main as groups } from '../src/groups';
import { main as injectedStepClass } from '../src/injected-step-class';
import { main as parallel } from '../src/parallel';
import { main as retry } from '../src/retry';
import { main as schedule } from '../src/schedule';
import { main as timeout } from '../src/timeout';

// Smoke tests of the examples: each runs as documented, with its output collected.

/** A `log` that collects lines. */
function collector(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

// The default ConsoleLog writes retries and failures to console.warn / console.error; keep the
// test output clean, and check it was written.
let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

test('async-actions: both steps complete and the result chains', async () => {
  const { lines, log } = collector();
  const workflow = await asyncActions(log);
  expect(lines).toEqual(['Task fetchUsers: Completed', 'Task process: Completed']);
  expect(workflow.resultStorage()).toEqual([
    { users: ['Alice', 'Bob'] },
    { processed: { users: ['Alice', 'Bob'] } },
  ]);
});

test('schedule: every second on a virtual clock, three runs, then a graceful stop', async () => {
  const { lines, log } = collector();
  const clock = new VirtualClock(Date.parse('2026-12-01T09:00:00.500Z'));
  const outcome = schedule(log, 3, clock);
  while (lines.filter((l) => l.startsWith('run ')).length < 3) await clock.advance(1_000);
  expect(await outcome).toEqual({ triggers: ['triggered', 'triggered', 'triggered'], runs: ['Completed', 'Completed', 'Completed'] });
  expect(lines).toEqual([
    'next run at 2026-12-01T09:00:01.000Z',
    'trigger triggered due 2026-12-01T09:00:01.000Z',
    'run 1 Completed',
    'trigger triggered due 2026-12-01T09:00:02.000Z',
    'run 2 Completed',
    'trigger triggered due 2026-12-01T09:00:03.000Z',
    'run 3 Completed',
  ]);
  expect(clock.pending).toBe(0); // stopped: no timer left
});

test('retry: two failed attempts, then success', async () => {
  const { lines, log } = collector();
  const task = await retry(log);
  expect(task.status).toBe(TaskStatus.Completed);
  expect(task.attempt).toBe(3);
  expect(task.retryCount).toBe(2);
  expect(task.errors.map((e) => [e.attempt, e.exception, e.message])).toEqual([
    [1, 'Error', 'service unavailable (attempt 1)'],
    [2, 'Error', 'service unavailable (attempt 2)'],
  ]);
  expect(task.currentContext.storage).toEqual({ users: ['Alice', 'Bob'] });
  expect(lines[0]).toBe('Task flakyApi: Completed after 3 attempts (retryCount 2)');
  expect(lines).toContain('  attempt 2 failed: Error: service unavailable (attempt 2)');
  // The default log reports each retry as a warning.
  expect(warn).toHaveBeenCalledTimes(2);
});

test('timeout: the task fails with TaskTimeoutError after ~50 ms and its work stops', async () => {
  const setTimer = jest.spyOn(global, 'setTimeout');
  const clearTimer = jest.spyOn(global, 'clearTimeout');
  const { lines, log } = collector();
  const { task, elapsedMs } = await timeout(log);
  // The step's 10 s timer was created, and cleared when its signal aborted: nothing is left to
  // keep the process alive.
  const tenSeconds = setTimer.mock.calls.findIndex(([, ms]) => ms === 10_000);
  expect(tenSeconds).toBeGreaterThanOrEqual(0);
  expect(clearTimer).toHaveBeenCalledWith(setTimer.mock.results[tenSeconds]?.value);

  expect(task.status).toBe(TaskStatus.Failed);
  expect(task.retryCount).toBe(0);
  expect(task.errors).toHaveLength(1);
  expect(task.errors[0]).toMatchObject({ attempt: 1, exception: TaskTimeoutError.name });
  expect(task.errors[0]?.message).toContain('50 ms');
  expect(task.currentContext.storage).toBeNull();
  expect(elapsedMs).toBeGreaterThanOrEqual(45);
  expect(elapsedMs).toBeLessThan(3_000); // far below the step's 10 s, with room for a loaded machine
  expect(lines[1]).toBe('  TaskTimeoutError: step "slowReport" timed out after 50 ms');
});

test('backoff: waits double, or grow by the factor up to maxDelay', async () => {
  // The executor's retry waits go through setTimeout: record the delays it asked for.
  const setTimer = jest.spyOn(global, 'setTimeout');
  const { lines, log } = collector();
  const { doubling, capped } = await backoff(log);

  const scheduled = setTimer.mock.calls.map(([, ms]) => ms);
  // backoff: true, retryDelay 20 → 20, 40, 80; factor 3, maxDelay 100, retryDelay 10 → 10, 30, 90,
  // then 100 (uncapped it would be 270).
  expect(scheduled).toEqual([20, 40, 80, 10, 30, 90, 100]);
  expect(scheduled.reduce((sum: number, ms) => sum + (ms ?? 0), 0)).toBeLessThan(1_000); // a short example

  // The measured gaps between attempts are at least those waits (a timer never fires early by
  // more than a millisecond or so; it may fire late on a busy machine, so no upper bound).
  const atLeast = (gaps: number[], expected: number[]): void => {
    expect(gaps).toHaveLength(expected.length);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((expected[i] as number) - 3));
  };
  atLeast(doubling, [20, 40, 80]);
  atLeast(capped, [10, 30, 90, 100]);
  expect(lines).toContain('Task doubling: Completed (retryCount 3)');
  expect(lines).toContain('Task capped: Completed (retryCount 4)');
});

test('context-passing: initial contexts per task and per run, previous contexts chained', async () => {
  const { lines, log } = collector();
  const workflow = await contextPassing(log);
  const tasks = workflow.resultTask();
  expect(tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Completed, TaskStatus.Completed]);
  // task.add({ initialContext }) wins over start({ initialContext }) for that task only.
  expect(tasks.map((t) => t.initialContext.storage)).toEqual([
    { region: 'eu-west' },
    { since: '2026-01-01' },
    { since: '2026-01-01' },
  ]);
  expect(tasks[0]?.previousContext.storage).toBeNull();
  expect(tasks[1]?.previousContext.taskId).toBe('fetchUsers');
  expect(tasks[2]?.previousContext.storage).toEqual({ region: 'eu-west', count: 3 });
  expect(workflow.resultStorage()[2]).toBe('3 users in eu-west since 2026-01-01');
  expect(lines).toContain('  current:  "3 users in eu-west since 2026-01-01"');
});

test('class-workflow: @Action methods run in order with the injected service', async () => {
  const { lines, log } = collector();
  const result = await classWorkflow(log);
  expect(result.status).toBe(WorkflowStatus.Completed);
  expect(result.name).toBe('users-etl');
  expect(result.tasks.map((t) => t.taskId)).toEqual(['extract', 'transform', 'save']);
  expect(result.tasks[1]?.currentContext.storage).toEqual([
    { name: 'Alice', email: 'alice@example.com' },
    { name: 'Bob', email: 'bob@example.com' },
  ]);
  expect(result.tasks[2]?.currentContext.storage).toBe(2);
  expect(lines[0]).toBe('Workflow users-etl: Completed');
});

test('injected-step-class: the class is resolved from the container and mixes with action()', async () => {
  const { lines, log } = collector();
  const workflow = await injectedStepClass(log);
  expect(workflow.resultTask().map((t) => `${t.taskId}: ${t.status}`)).toEqual([
    'names: Completed',
    'greet: Completed',
    'shout: Completed',
  ]);
  expect(workflow.resultStorage()[2]).toEqual(['HELLO, ALICE!', 'HELLO, BOB!']);
  expect(lines[1]).toBe('Task greet: Completed -> ["Hello, Alice!","Hello, Bob!"]');
});

test('events: events$ sees every run, run$() only its own, in the documented order', async () => {
  const { lines, log } = collector();
  const { hot, cold } = await events(log);
  const oneRun = [
    'workflow events-example: In progress',
    'task fetchUsers: In progress (attempt 1)',
    'task fetchUsers: Completed (attempt 1)',
    'task saveUsers: In progress (attempt 1)',
    'task saveUsers: Retry (attempt 1)',
    'task saveUsers: Completed (attempt 2)',
    'workflow events-example: Completed',
  ];
  expect(cold).toEqual(oneRun);
  expect(hot).toEqual([...oneRun, ...oneRun]);
  expect(lines).toHaveLength(hot.length + cold.length);
  expect(lines[0]).toBe('[events$] workflow events-example: In progress');
});

test('parallel: all steps at once take about one step, concurrency 2 caps them, sequential sums them', async () => {
  const { lines, log } = collector();
  const [sequential, all, bounded] = await parallel(log);
  expect([sequential?.mode, all?.mode, bounded?.mode]).toEqual(['sequential', 'parallel', 'parallel']);
  expect(bounded?.concurrency).toBe(2);
  for (const run of [sequential, all, bounded]) {
    expect(run?.status).toBe(WorkflowStatus.Completed);
    // Five steps of 220 ms each: over a second of work in every mode.
    expect(run?.sumOfStepsMs).toBeGreaterThanOrEqual(1_000);
  }

  // Sequential: one at a time, the wall time is the sum, each task gets the previous result.
  expect(sequential?.peak).toBe(1);
  expect(sequential?.wallMs).toBeGreaterThanOrEqual(1_000);
  expect(sequential?.previous[0]).toBeNull();
  expect(sequential?.previous[1]).toEqual({ region: 'eu', previous: null });

  // Parallel: all five at once, about one step's time (a fifth of sequential), no context chain.
  expect(all?.peak).toBe(5);
  expect(all?.wallMs).toBeLessThan((sequential?.wallMs ?? 0) / 2);
  expect(all?.previous).toEqual([null, null, null, null, null]);

  // concurrency 2: never more than two at once, so at least three waves.
  expect(bounded?.peak).toBe(2);
  expect(bounded?.wallMs).toBeGreaterThanOrEqual(3 * 200);
  expect(bounded?.previous).toEqual([null, null, null, null, null]);
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(/^parallel: Completed in \d+ ms \(steps took \d+ ms in all; at most 5 at once\)$/);
});

test('groups: each group is its own chain; default runs groups at once, sequential_group one after another', async () => {
  const { lines, log } = collector();
  const [byDefault, sequentialGroup] = await groups(log);
  const chains = {
    fetchUsers: { group: 'users', previous: '', storage: ['Alice', 'Bob', 'Carol'] },
    fetchOrders: { group: 'orders', previous: '', storage: [30, 12] },
    countUsers: { group: 'users', previous: 'fetchUsers', storage: 3 },
    totalOrders: { group: 'orders', previous: 'fetchOrders', storage: 42 },
    audit: { group: 'audit', previous: '', storage: 'audit started with null' },
  };
  expect(byDefault?.mode).toBeUndefined();
  expect(byDefault?.chains).toEqual(chains);
  expect(sequentialGroup?.mode).toBe('sequential_group');
  expect(sequentialGroup?.chains).toEqual(chains);

  // Default mode with several groups = parallel_group: both groups' first tasks start before
  // either finishes.
  const trail = byDefault?.trail ?? [];
  expect(trail.slice(0, 3)).toEqual(['fetchUsers:In progress', 'fetchOrders:In progress', 'audit:In progress']);
  expect(trail.indexOf('countUsers:In progress')).toBeGreaterThan(trail.indexOf('fetchUsers:Completed'));
  expect(trail.indexOf('totalOrders:In progress')).toBeGreaterThan(trail.indexOf('fetchOrders:Completed'));
  expect(trail).toHaveLength(10);

  // sequential_group: group after group, in order of first appearance.
  expect(sequentialGroup?.trail).toEqual([
    'fetchUsers:In progress', 'fetchUsers:Completed', 'countUsers:In progress', 'countUsers:Completed',
    'fetchOrders:In progress', 'fetchOrders:Completed', 'totalOrders:In progress', 'totalOrders:Completed',
    'audit:In progress', 'audit:Completed',
  ]);
  // Two 100 ms fetches: in series at least 200 ms.
  expect(sequentialGroup?.wallMs).toBeGreaterThanOrEqual(190);
  expect(lines[0]).toMatch(/^default mode \(runs as parallel_group\): Completed in \d+ ms$/);
  expect(lines).toContain('  users/countUsers <- fetchUsers: 3');
  expect(lines).toContain('  audit/audit <- (empty): "audit started with null"');
});

test('background: start() resolves before any step ran; done resolves with the result; a late cancel changes nothing', async () => {
  const { lines, log } = collector();
  const { run, ranWhenStarted, progress, result, statusAfterLateCancel } = await background(log);
  expect(ranWhenStarted).toEqual([]);
  expect(run.workflowId).toBe('nightly-report');
  await expect(run.done).resolves.toBe(result);
  expect(result.status).toBe(WorkflowStatus.Completed);
  expect(result.tasks.map((t) => t.currentContext.storage)).toEqual(['extract done', 'transform done', 'load done']);
  expect(progress).toEqual(['extract: Completed', 'transform: Completed', 'load: Completed']);
  expect(statusAfterLateCancel).toBe(WorkflowStatus.Completed);
  expect(lines[0]).toBe('started nightly-report in the background; finished so far: 0 tasks');
  expect(lines[2]).toBe('after a late cancel(): Completed');
});

test('cancellation: signal, BackgroundRun.cancel() and run$ unsubscribe all stop the slow step and cancel the rest', async () => {
  const { lines, log } = collector();
  const runs = await cancellation(log);
  expect(runs.map((r) => r.trigger)).toEqual(['AbortController.abort()', 'BackgroundRun.cancel()', 'run$() unsubscribe']);
  for (const run of runs) {
    expect(run.status).toBe(WorkflowStatus.Cancelled);
    expect(run.tasks).toEqual(['prepare: Completed', 'waitForApproval: Cancelled', 'publish: Cancelled']);
    // One Cancelled event per unfinished task; none 'In progress' for the one that never started.
    expect(run.events).toEqual([
      'prepare:In progress', 'prepare:Completed', 'waitForApproval:In progress', 'waitForApproval:Cancelled', 'publish:Cancelled',
    ]);
    expect(run.stepSignal).toBe('aborted (TaskCancelledError)');
    expect(run.elapsedMs).toBeLessThan(5_000); // the 10 s wait stopped
  }
  expect(lines[0]).toMatch(/^AbortController\.abort\(\): workflow Cancelled after \d+ ms; step signal aborted \(TaskCancelledError\)$/);
  // Cancelled events are info (as the reference logs every status but Failed and Retry): the
  // default log, at warn, stays quiet about a cancel the caller asked for.
  expect(warn).not.toHaveBeenCalled();
});

test('checkpoint-resume: a failed run resumes with Skipped, then reuse / reset / raise on a new input', async () => {
  const { lines, log } = collector();
  const outcome = await checkpointResume(log);
  const statuses = (r: { tasks: readonly { status: string }[] }): string[] => r.tasks.map((t) => t.status);

  expect(outcome.failed.status).toBe(WorkflowStatus.Failed);
  expect(statuses(outcome.failed)).toEqual([TaskStatus.Completed, TaskStatus.Failed, TaskStatus.NotStarted]);
  expect(outcome.filesAfterFailure).toEqual(['extract.json']);

  expect(outcome.resumed.status).toBe(WorkflowStatus.Completed);
  expect(statuses(outcome.resumed)).toEqual([TaskStatus.Skipped, TaskStatus.Completed, TaskStatus.Completed]);
  expect(outcome.resumedEvents).toEqual([
    'extract:Skipped', 'transform:In progress', 'transform:Completed', 'load:In progress', 'load:Completed',
  ]);
  expect(outcome.resumed.tasks[0]?.currentContext.storage).toEqual({ day: '2026-01-01', rows: [3, 1, 2] });
  expect(outcome.resumed.tasks[2]?.currentContext.storage).toBe('3 rows loaded for 2026-01-01');

  expect(outcome.raised).toBeInstanceOf(InputChangedError);
  expect(statuses(outcome.reused)).toEqual([TaskStatus.Skipped, TaskStatus.Skipped, TaskStatus.Skipped]);
  expect(outcome.reused.tasks[2]?.currentContext.storage).toBe('3 rows loaded for 2026-01-01');
  expect(statuses(outcome.reset)).toEqual([TaskStatus.Completed, TaskStatus.Completed, TaskStatus.Completed]);
  expect(outcome.reset.tasks[2]?.currentContext.storage).toBe('3 rows loaded for 2026-01-02');

  // extract ran in run 1 and after the reset only; transform failed once, then ran twice.
  expect(outcome.calls).toEqual({ extract: 2, transform: 3, load: 2 });
  expect(existsSync(outcome.folder)).toBe(false);
  expect(lines[0]).toBe('1. first run: Failed (extract Completed, transform Failed, load Not started); files: extract.json');
  expect(lines.some((l) => l.startsWith("3. raise: InputChangedError: Workflow 'nightly-import' was previously executed"))).toBe(true);
});

test('worker-step: a CPU-bound step runs in a worker thread; a timeout terminates its busy worker and the process exits at once', () => {
  // Run from dist in a process of its own: a worker loads the example's module again, which it
  // cannot do from jest's transformed sources. `npm test` builds dist first (tsc -b).
  const script = join(__dirname, '..', 'dist', 'worker-step.js');
  expect(existsSync(script)).toBe(true);
  const started = Date.now();
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
  const elapsedMs = Date.now() - started;
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  expect(child.stdout.trim().split('\n')).toEqual([
    'Task primes: Completed -> 9592 primes below 100000 (in a worker: true)',
    'Task spin: Failed: TaskTimeoutError: step "spin" timed out after 200 ms',
  ]);
  // The step would spin for 10 s: the process ended with the run, so its worker was terminated.
  expect(elapsedMs).toBeLessThan(5_000);
});
