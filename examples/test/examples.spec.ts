import 'reflect-metadata';
import { TaskStatus, TaskTimeoutError, WorkflowStatus } from '@dotflow/core';
import { main as asyncActions } from '../src/async-actions';
import { main as backoff } from '../src/backoff';
import { main as classWorkflow } from '../src/class-workflow';
import { main as contextPassing } from '../src/context-passing';
import { main as events } from '../src/events';
import { main as injectedStepClass } from '../src/injected-step-class';
import { main as retry } from '../src/retry';
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
  expect(elapsedMs).toBeLessThan(1_000);
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
