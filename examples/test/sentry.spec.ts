import 'reflect-metadata';
import { WorkflowStatus } from '@dotflow/core';
import { main as sentry } from '../src/sentry';

// Smoke test of the Sentry example, offline: without SENTRY_DSN it plays Sentry on 127.0.0.1.

const saved = process.env['SENTRY_DSN'];
beforeEach(() => {
  delete process.env['SENTRY_DSN'];
  jest.spyOn(console, 'warn').mockImplementation(() => undefined); // the default log: retries
  jest.spyOn(console, 'error').mockImplementation(() => undefined); // and the failure
});
afterEach(() => {
  if (saved !== undefined) process.env['SENTRY_DSN'] = saved;
  jest.restoreAllMocks();
});

test('sentry: the failed task and the failed run reach the local Sentry, with the retries as breadcrumbs', async () => {
  const lines: string[] = [];
  const { status, received } = await sentry((line) => lines.push(line));
  expect(status).toBe(WorkflowStatus.Failed);
  expect(received.map((e) => e.exception?.values?.[0]?.type ?? e.message)).toEqual(['ConnectionError', 'Workflow import-orders: Failed']);
  expect(received[0]).toMatchObject({
    level: 'error',
    environment: 'example',
    tags: { 'dotflow.workflow_id': 'import-orders', 'dotflow.task_id': 'saveOrders', 'dotflow.attempt': '3' },
  });
  expect(lines.slice(0, 5)).toEqual([
    'workflow import-orders: Failed',
    'Sentry received 2 events:',
    '  error: ConnectionError: database unreachable (attempt 3)',
    expect.stringMatching(/^ {4}thrown at \S*saveOrders.* \(sentry\.[jt]s:\d+\)$/) as unknown,
    expect.stringMatching(/^ {4}tags: dotflow\.workflow_id=import-orders dotflow\.run_id=\S+ dotflow\.workflow=import-orders dotflow\.task_id=saveOrders /) as unknown,
  ]);
  expect(lines.filter((l) => l.includes('breadcrumb'))).toEqual([
    '    breadcrumb (warning): Task saveOrders attempt 1 failed, retrying: ConnectionError: database unreachable (attempt 1)',
    '    breadcrumb (warning): Task saveOrders attempt 2 failed, retrying: ConnectionError: database unreachable (attempt 2)',
    // the run's final failure carries the task's failure too
    '    breadcrumb (warning): Task saveOrders attempt 1 failed, retrying: ConnectionError: database unreachable (attempt 1)',
    '    breadcrumb (warning): Task saveOrders attempt 2 failed, retrying: ConnectionError: database unreachable (attempt 2)',
    '    breadcrumb (error): Task saveOrders failed after 3 attempts: ConnectionError: database unreachable (attempt 3)',
  ]);
});
