import 'reflect-metadata';
import { TaskStatus, WorkflowStatus, action } from '@dotflow/core';
import { NodeClient, Scope, defaultStackParser, makeNodeTransport, type Event } from '@sentry/node';
import { FakeSentry } from './fake-sentry';
import { cleanups, extract, loader, runCleanups, setup } from './helpers';

let sentry: FakeSentry;
beforeEach(async () => {
  sentry = await FakeSentry.start();
});
afterEach(async () => {
  await runCleanups();
  await sentry.close();
});

function only(events: Event[]): Event {
  expect(events).toHaveLength(1);
  return events[0] as Event;
}

describe('SentryNotify', () => {
  it('a Failed task becomes one error event: the step\'s exception with its frames, dotflow tags, environment, release', async () => {
    const { config, flow } = setup({ dsn: sentry.dsn, environment: 'staging', release: 'etl@1.2.3' });
    const workflow = flow();
    workflow.task.add({ step: [extract, loader(1)] });
    const result = await workflow.start();
    expect(result.status).toBe(WorkflowStatus.Failed);
    await config.flush();

    const event = only(sentry.events());
    expect(event).toMatchObject({ level: 'error', environment: 'staging', release: 'etl@1.2.3', logger: 'dotflow', platform: 'node' });
    expect(event.tags).toEqual({
      'dotflow.workflow_id': 'etl-1',
      'dotflow.run_id': result.runId,
      'dotflow.workflow': 'etl',
      'dotflow.task_id': 'load',
      'dotflow.task': 'load',
      'dotflow.group': 'default',
      'dotflow.status': 'Failed',
      'dotflow.attempt': '1',
    });
    const exception = event.exception?.values?.[0];
    expect(exception).toMatchObject({ type: 'ValidationError', value: 'bad row in etl-1 (attempt 1)', mechanism: { type: 'dotflow', handled: true } });
    // Frames parsed from the step's stack, outermost first: the throwing line is the last one.
    const frames = exception?.stacktrace?.frames ?? [];
    expect(frames.length).toBeGreaterThan(1);
    expect(frames[frames.length - 1]).toMatchObject({ filename: expect.stringContaining('helpers.ts') as unknown, in_app: true });
    expect(event.extra).toBeUndefined();
    expect(event.contexts?.['dotflow']).toMatchObject({ workflow_id: 'etl-1', run_id: result.runId, task_id: 'load', status: 'Failed', attempt: 1 });
    expect(event.breadcrumbs ?? []).toEqual([]);
    // The envelope went to project 1 with the DSN's public key.
    expect(sentry.envelopes[0]?.url).toMatch(/^\/api\/1\/envelope\/\?.*sentry_key=public/);
  });

  it('retries are breadcrumbs on the run\'s scope: the Failed event carries them, in order', async () => {
    const { config, flow } = setup({ dsn: sentry.dsn });
    const workflow = flow();
    workflow.task.add({ step: loader(3) });
    await workflow.start();
    await config.flush();

    const event = only(sentry.events());
    expect(event.tags?.['dotflow.attempt']).toBe('3');
    expect(event.exception?.values?.[0]?.value).toBe('bad row in etl-1 (attempt 3)');
    expect(event.breadcrumbs).toEqual([1, 2].map((attempt) => expect.objectContaining({
      type: 'error',
      category: 'dotflow.task.retry',
      level: 'warning',
      message: `Task load attempt ${attempt} failed, retrying: ValidationError: bad row in etl-1 (attempt ${attempt})`,
      data: { task_id: 'load', status: 'Retry', attempt, exception: 'ValidationError' },
    }) as unknown));
  });

  it('a task that recovers after retries sends nothing (by default only Failed is captured)', async () => {
    const { config, flow } = setup({ dsn: sentry.dsn });
    const workflow = flow();
    workflow.task.add({ step: loader(3, 2) });
    const result = await workflow.start();
    expect(result.status).toBe(WorkflowStatus.Completed);
    await config.flush();
    expect(sentry.requests).toBe(0);
  });

  it('workflowStatuses: [\'Failed\'] adds the run\'s final failure, with the run\'s retries and failures as breadcrumbs', async () => {
    const { config, flow } = setup({ dsn: sentry.dsn, workflowStatuses: [WorkflowStatus.Failed] });
    const workflow = flow();
    workflow.task.add({ step: loader(2) });
    const result = await workflow.start();
    await config.flush();

    const events = sentry.events();
    expect(events.map((e) => e.exception?.values?.[0]?.type ?? e.message)).toEqual(['ValidationError', 'Workflow etl: Failed']);
    const final = events[1] as Event;
    expect(final).toMatchObject({ level: 'error', tags: { 'dotflow.workflow_id': 'etl-1', 'dotflow.run_id': result.runId, 'dotflow.workflow': 'etl', 'dotflow.status': 'Failed' } });
    expect(final.contexts?.['dotflow']).toMatchObject({ duration_ms: result.duration });
    expect(final.breadcrumbs?.map((b) => [b.category, b.level, b.message])).toEqual([
      ['dotflow.task.retry', 'warning', 'Task load attempt 1 failed, retrying: ValidationError: bad row in etl-1 (attempt 1)'],
      ['dotflow.task.failed', 'error', 'Task load failed after 2 attempts: ValidationError: bad row in etl-1 (attempt 2)'],
    ]);
  });

  it('statuses selects the task statuses captured: Retry events at level warning, Completed as a message', async () => {
    const { config, flow } = setup({ dsn: sentry.dsn, statuses: [TaskStatus.Retry, TaskStatus.Completed], breadcrumbStatuses: [] });
    const workflow = flow();
    workflow.task.add({ step: loader(2, 1) });
    await workflow.start();
    await config.flush();

    expect(sentry.events().map((e) => [e.level, e.tags?.['dotflow.status'], e.exception?.values?.[0]?.value ?? e.message])).toEqual([
      ['warning', 'Retry', 'bad row in etl-1 (attempt 1)'],
      ['info', 'Completed', 'Task load of etl: Completed'],
    ]);
  });

  it('each run has its own scope: concurrent runs\' breadcrumbs never mix', async () => {
    const { config, flow } = setup({ dsn: sentry.dsn });
    const a = flow('run-a');
    const b = flow('run-b');
    a.task.add({ step: loader(3) });
    b.task.add({ step: loader(2) });
    await Promise.all([a.start(), b.start()]);
    await config.flush();

    const events = sentry.events();
    expect(events).toHaveLength(2);
    for (const event of events) {
      const id = String(event.tags?.['dotflow.workflow_id']);
      expect(event.breadcrumbs?.length).toBe(id === 'run-a' ? 2 : 1);
      for (const crumb of event.breadcrumbs ?? []) expect(crumb.message).toContain(`bad row in ${id} `);
    }
  });

  it('a thrown non-Error keeps its type and message; a stack that cannot be parsed goes to extra.stack', async () => {
    const { config, run } = setup({ dsn: sentry.dsn });
    const plain = action({ name: 'plain' }, () => {
      throw 'disk full'; // eslint-disable-line @typescript-eslint/only-throw-error -- what some libraries do
    });
    const odd = action({ name: 'odd' }, () => {
      const error = new RangeError('out of range');
      error.stack = 'no frames in here';
      throw error;
    });
    await run(plain, 'w-plain');
    await run(odd, 'w-odd');
    await config.flush();

    const [first, second] = sentry.events();
    expect(first?.exception?.values?.[0]).toEqual({ type: 'string', value: 'disk full', mechanism: { type: 'dotflow', handled: true } });
    expect(first?.extra).toBeUndefined();
    expect(second?.exception?.values?.[0]).toMatchObject({ type: 'RangeError', value: 'out of range' });
    expect(second?.exception?.values?.[0]?.stacktrace).toBeUndefined();
    expect(second?.extra).toEqual({ stack: 'no frames in here' });
  });

  it('a large envelope arrives gzipped and decodes (100 breadcrumbs of long retry messages)', async () => {
    const { config, run } = setup({ dsn: sentry.dsn });
    const long = action({ name: 'long', retry: 101, retryDelay: 0 }, ({ task }) => {
      throw new Error(`${'x'.repeat(400)} ${task.attempt}`);
    });
    await run(long);
    await config.flush();

    expect(sentry.envelopes[0]?.gzip).toBe(true);
    const event = only(sentry.events());
    expect(event.breadcrumbs).toHaveLength(100);
    expect(event.breadcrumbs?.[99]?.message).toMatch(/ 100$/);
  });

  it('close() closes the client it created; later events are ignored', async () => {
    const { notify, config, run } = setup({ dsn: sentry.dsn });
    await config.close();
    expect(notify.client.getOptions().enabled).toBe(false);
    const error = { attempt: 1, exception: 'Error', message: 'late', stack: '' };
    notify.onEvent({ type: 'task', workflowId: 'w', runId: 'r', taskId: 't', name: 't', group: 'default', status: 'Failed', attempt: 1, at: new Date(), error });
    await run(loader(1));
    await notify.flush();
    expect(sentry.requests).toBe(0);
  });

  it('a client given as "client" is used as is (its options, our tags) and stays open after close()', async () => {
    const client = new NodeClient({
      dsn: sentry.dsn,
      transport: makeNodeTransport,
      stackParser: defaultStackParser,
      integrations: [],
      enableRuntimeChannelInjection: false,
      environment: 'mine',
    });
    cleanups.push(async () => {
      await client.close(1000);
    });
    const { notify, config, run } = setup({ client, tags: { team: 'data' } });
    expect(notify.client).toBe(client);
    await run(loader(1));
    await config.close();

    const event = only(sentry.events());
    expect(event).toMatchObject({ environment: 'mine', tags: { team: 'data', 'dotflow.task_id': 'load' } });
    const scope = new Scope();
    scope.setClient(client);
    scope.captureMessage('still open');
    await client.flush(1000);
    expect(sentry.events().map((e) => e.message)).toContain('still open');
  });
});
