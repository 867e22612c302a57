import 'reflect-metadata';
import { action, WorkflowStatus } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { HttpServer, MissingServerOptionError, type ServerTaskBody } from '@dotflow/notify';
import { RecordingLog, StandIn, configWith, extract, flowOf, load, type Reply } from './stand-in';

const TOKEN = 'server-user-token';
const T0 = '1970-01-01T00:00:00.000Z';
let server: StandIn;
afterEach(() => server?.close());

async function reporting(reply?: (method: string, n: number) => Reply) {
  server = await StandIn.start(reply === undefined ? () => ({ status: 201, body: '{}' }) : (r, n) => reply(r.method, n));
  const log = new RecordingLog();
  const config = configWith({ log, clock: new VirtualClock(0), server: new HttpServer({ baseUrl: `${server.url}/api/v1/`, token: TOKEN, retryDelayMs: 0 }) });
  return { config, log };
}

const calls = (): string[] => server.requests.map((r) => `${r.method} ${r.url}`);

const taskBody = (taskId: string, more: Partial<ServerTaskBody>): string =>
  JSON.stringify({
    task_id: taskId, workflow_id: 'wf-1', status: 'In progress', duration: null, initial_context: null, current_context: null, previous_context: null,
    group_name: 'default', retry_count: 0, created_at: T0, started_at: T0, finished_at: null, errors: [], id: taskId, error: null, ...more,
  });

test('a run is reported with the reference\'s endpoints, bodies and auth header, in order', async () => {
  const { config, log } = await reporting();
  const { flow } = flowOf(config, [extract, load]);
  const result = await flow.start();
  await config.flush();

  expect(calls()).toEqual([
    'POST /api/v1/cli/workflows',
    'PATCH /api/v1/cli/workflows/wf-1',
    'POST /api/v1/cli/workflows/wf-1/tasks',
    'PATCH /api/v1/cli/workflows/wf-1/tasks/extract',
    'POST /api/v1/cli/workflows/wf-1/tasks',
    'PATCH /api/v1/cli/workflows/wf-1/tasks/load',
    'PATCH /api/v1/cli/workflows/wf-1',
  ]);
  for (const r of server.requests) {
    expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.headers['content-type']).toBe('application/json');
  }
  const error = result.tasks[1]?.errors[0];
  const failure = { attempt: 1, exception: 'ValueError', traceback: error?.stack, message: 'something broke' };
  expect(server.requests.map((r) => r.body)).toEqual([
    JSON.stringify({ workflow_id: 'wf-1', workflow_name: 'etl', tasks: [], id: 'wf-1', name: 'etl' }),
    JSON.stringify({ status: 'In progress' }),
    taskBody('extract', {}),
    taskBody('extract', { status: 'Completed', duration: 0, current_context: '{"users":150}', finished_at: T0 }),
    taskBody('load', {}),
    taskBody('load', { status: 'Failed', duration: 0, finished_at: T0, errors: [failure as never], error: failure as never }),
    JSON.stringify({ status: 'Failed' }),
  ]);
  expect(log.errors()).toEqual([]);
});

test('a later run of the same workflow updates what this reporter created; ids are URL-encoded', async () => {
  const { config } = await reporting();
  const flaky = action({ retry: 2, retryDelay: 0 }, function flaky({ task }) {
    if (task.attempt === 1) throw new Error('busy');
    return null;
  });
  const { flow } = flowOf(config, [flaky, flaky], 'team/wf 1');
  await flow.start();
  await config.flush();
  const first = calls().length;
  await flow.start();
  await config.flush();

  expect(calls().slice(first)).toEqual([
    'PATCH /api/v1/cli/workflows/team%2Fwf%201',
    'PATCH /api/v1/cli/workflows/team%2Fwf%201/tasks/flaky',
    'PATCH /api/v1/cli/workflows/team%2Fwf%201/tasks/flaky',
    'PATCH /api/v1/cli/workflows/team%2Fwf%201/tasks/flaky%232',
    'PATCH /api/v1/cli/workflows/team%2Fwf%201/tasks/flaky%232',
    'PATCH /api/v1/cli/workflows/team%2Fwf%201',
  ]);
  const done = JSON.parse(server.requests[server.requests.length - 2]?.body ?? '{}') as ServerTaskBody;
  expect(done).toMatchObject({ task_id: 'flaky#2', status: 'Completed', retry_count: 1, current_context: null, errors: [{ attempt: 1, exception: 'Error', message: 'busy' }] });
  expect(done.error).toEqual(done.errors[0]);
});

test('409 to a create means it exists; a create that failed is tried again by the next run', async () => {
  let down = true;
  const { config, log } = await reporting((method) => (method === 'POST' ? (down ? { status: 500 } : { status: 409 }) : { status: 200 }));
  const { flow } = flowOf(config, [extract]);
  await flow.start();
  await config.flush();
  expect(log.errors()).toEqual([
    'server.onEvent threw: NotifyDeliveryError: Dotflow server answered HTTP 500 to POST /cli/workflows after 3 attempts; the server is failing; the report was dropped (raise "retries" to try longer).',
    'server.onEvent threw: NotifyDeliveryError: Dotflow server answered HTTP 500 to POST /cli/workflows/wf-1/tasks after 3 attempts; the server is failing; the report was dropped (raise "retries" to try longer).',
  ]);
  down = false;
  const before = calls().length;
  await flow.start();
  await config.flush();
  expect(calls().slice(before)).toEqual([
    'POST /api/v1/cli/workflows',
    'PATCH /api/v1/cli/workflows/wf-1',
    'POST /api/v1/cli/workflows/wf-1/tasks',
    'PATCH /api/v1/cli/workflows/wf-1/tasks/extract',
    'PATCH /api/v1/cli/workflows/wf-1',
  ]);
  expect(log.errors()).toHaveLength(2); // the 409s were fine
});

test('a result over 5,000,000 characters is replaced as the reference does', async () => {
  const { config } = await reporting();
  const big = action(function big() {
    return 'x'.repeat(5_000_001);
  });
  await flowOf(config, [big]).flow.start();
  await config.flush();
  const completed = JSON.parse(server.requests[3]?.body ?? '{}') as ServerTaskBody;
  expect(completed.status).toBe('Completed');
  expect(completed.current_context).toEqual({ message: 'Context size exceeded' });
});

test('a server that hangs changes neither the run\'s result nor its duration', async () => {
  server = await StandIn.start(() => 'hang');
  const config = configWith({ server: new HttpServer({ baseUrl: server.url, token: TOKEN, timeoutMs: 60_000, retries: 0 }) });
  const result = await flowOf(config, [extract, load]).flow.start();
  expect(result.status).toBe(WorkflowStatus.Failed);
  expect(result.duration).toBeLessThan(1_000);
  await server.received(1);
  await server.close();
  await config.flush();
});

test('SERVER_BASE_URL and SERVER_USER_TOKEN are read when the options are left out', async () => {
  server = await StandIn.start(() => ({ status: 200 }));
  const config = configWith({ server: new HttpServer({ env: { SERVER_BASE_URL: `${server.url}/`, SERVER_USER_TOKEN: 'from-env' } }) });
  await flowOf(config, [extract]).flow.start();
  await config.flush();
  expect(server.requests[0]?.url).toBe('/cli/workflows');
  expect(server.requests[0]?.headers.authorization).toBe('Bearer from-env');
});

test('without baseUrl or token, from options or the environment, construction says which and how', () => {
  expect(() => new HttpServer({ env: {} })).toThrow(
    new MissingServerOptionError(['baseUrl', 'token']),
  );
  expect(() => new HttpServer({ env: {} })).toThrow(
    'new HttpServer(): "baseUrl" and "token" are missing; pass new HttpServer({ baseUrl: \'https://…\', token }) or set SERVER_BASE_URL and SERVER_USER_TOKEN in the environment.',
  );
  expect(() => new HttpServer({ baseUrl: 'http://127.0.0.1:1', env: { SERVER_USER_TOKEN: '' } })).toThrow(
    'new HttpServer(): "token" is missing; pass new HttpServer({ token }) or set SERVER_USER_TOKEN in the environment.',
  );
  let caught: unknown;
  try {
    new HttpServer({ token: 't', env: { SERVER_BASE_URL: ' ' } });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MissingServerOptionError);
  expect((caught as MissingServerOptionError).missing).toEqual(['baseUrl']);
  expect(() => new HttpServer({ baseUrl: 'ftp://x', token: 't', env: {} })).toThrow('new HttpServer(): "baseUrl" must be an http: or https: URL, got "ftp://x"');
});
