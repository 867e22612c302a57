import 'reflect-metadata';
import { action, TaskStatus, WorkflowStatus, type TaskEvent, type WorkflowEvent } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { TelegramNotify, telegramText, TELEGRAM_TEXT_LIMIT } from '@dotflow/notify';
import { StandIn, configWith, extract, flowOf, load } from './stand-in';

const TOKEN = '123456:AAH-test_token';
let telegram: StandIn;
afterEach(() => telegram?.close());

/** The text of each sendMessage Telegram received. */
const texts = (): string[] => telegram.json().map((b) => (b as { text: string }).text);

const task = (status: TaskEvent['status'], more: Partial<TaskEvent> = {}): TaskEvent => ({
  type: 'task', workflowId: 'wf-1', runId: 'r1', taskId: 'load', name: 'load', group: 'default', status, attempt: 1, at: new Date(0), ...more,
});

test('a failed run sends the reference\'s Failed message and the workflow\'s final status, byte for byte', async () => {
  telegram = await StandIn.start();
  const config = configWith({ clock: new VirtualClock(0), notify: new TelegramNotify({ token: TOKEN, chatId: 42, apiBase: telegram.url }) });
  const { flow } = flowOf(config, [extract, load]);
  const result = await flow.start();
  await config.flush();

  expect(result.status).toBe(WorkflowStatus.Failed);
  expect(telegram.requests.map((r) => [r.method, r.url, r.headers['content-type']])).toEqual([
    ['POST', `/bot${TOKEN}/sendMessage`, 'application/json'],
    ['POST', `/bot${TOKEN}/sendMessage`, 'application/json'],
  ]);
  expect(telegram.requests.map((r) => r.body)).toEqual([
    JSON.stringify({ chat_id: 42, text: '❌ Failed\n`ValueError`: something broke\n`wf-1` — Task load', parse_mode: 'markdown' }),
    JSON.stringify({ chat_id: 42, text: '❌ Failed\nDuration: 0 ms\n`wf-1` — Workflow etl', parse_mode: 'markdown' }),
  ]);
});

test('statuses: "all" sends every task status; showResult adds the result as a json block', async () => {
  telegram = await StandIn.start();
  const notify = new TelegramNotify({ token: TOKEN, chatId: '@ops', apiBase: `${telegram.url}/`, statuses: 'all', workflowStatuses: [], showResult: true });
  const config = configWith({ clock: new VirtualClock(0), notify });
  await flowOf(config, [extract]).flow.start();
  await config.flush();

  expect(texts()).toEqual(['🔵 In progress\n`wf-1` — Task extract', '✅ Completed\n```json\n{"users":150}```\n`wf-1` — Task extract']);
  expect((telegram.json()[0] as { chat_id: string }).chat_id).toBe('@ops');
});

test('statuses filter the task events; a Completed run sends its workflow message only', async () => {
  telegram = await StandIn.start();
  const config = configWith({ clock: new VirtualClock(0), notify: new TelegramNotify({ token: TOKEN, chatId: 42, apiBase: telegram.url }) });
  await flowOf(config, [extract]).flow.start();
  await config.flush();
  expect(texts()).toEqual(['✅ Completed\nDuration: 0 ms\n`wf-1` — Workflow etl']);
});

test('a retried task sends Retry only when asked, without the error line (the reference shows errors on Failed only)', async () => {
  telegram = await StandIn.start();
  const flaky = action({ retry: 2, retryDelay: 0 }, function flaky({ task: t }) {
    if (t.attempt === 1) throw new Error('busy');
    return 'ok';
  });
  const config = configWith({ notify: new TelegramNotify({ token: TOKEN, chatId: 42, apiBase: telegram.url, statuses: [TaskStatus.Retry], workflowStatuses: [] }) });
  await flowOf(config, [flaky]).flow.start();
  await config.flush();
  expect(texts()).toEqual(['❗ Retry\n`wf-1` — Task flaky']);
});

test('when Telegram cannot parse the Markdown (a lone "_"), the same text goes again as plain text', async () => {
  telegram = await StandIn.start((_r, n) =>
    n === 0 ? { status: 400, body: JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 40" }) } : { status: 200, body: '{"ok":true}' },
  );
  const fetchUsers = action(function fetch_users() {
    throw new Error('down');
  });
  const config = configWith({ notify: new TelegramNotify({ token: TOKEN, chatId: 42, apiBase: telegram.url, workflowStatuses: [] }) });
  await flowOf(config, [fetchUsers]).flow.start();
  await config.flush();
  const text = '❌ Failed\n`Error`: down\n`wf-1` — Task fetch_users';
  expect(telegram.requests.map((r) => r.body)).toEqual([
    JSON.stringify({ chat_id: 42, text, parse_mode: 'markdown' }),
    JSON.stringify({ chat_id: 42, text }),
  ]);
});

test('telegramText keeps a message within 4096 characters: the error line first, the result gets the rest', () => {
  const huge = 'x'.repeat(10_000);
  const failed = telegramText(task(TaskStatus.Failed, { error: { attempt: 1, exception: 'Error', message: huge, stack: '' } }));
  expect(failed.length).toBe(TELEGRAM_TEXT_LIMIT);
  expect(failed.startsWith('❌ Failed\n`Error`: xxx')).toBe(true);
  expect(failed.endsWith('x…\n`wf-1` — Task load')).toBe(true);

  const completed = telegramText(task(TaskStatus.Completed, { storage: { data: huge } }), { showResult: true });
  expect(completed.length).toBe(TELEGRAM_TEXT_LIMIT);
  expect(completed).toMatch(/^✅ Completed\n```json\n\{"data":"x+…```\n`wf-1` — Task load$/);
});

test('telegramText renders workflow events, a result JSON cannot hold, and never cuts a surrogate pair', () => {
  const wf: WorkflowEvent = { type: 'workflow', workflowId: 'wf-1', runId: 'r1', name: 'etl', status: WorkflowStatus.Cancelled, at: new Date(0), duration: 1234 };
  expect(telegramText(wf)).toBe('⛔ Cancelled\nDuration: 1.23 s\n`wf-1` — Workflow etl');
  expect(telegramText({ ...wf, status: WorkflowStatus.InProgress, duration: undefined })).toBe('🔵 In progress\n`wf-1` — Workflow etl');

  const cyclic: Record<string, unknown> = { n: 1n };
  cyclic.self = cyclic;
  expect(telegramText(task(TaskStatus.Completed, { storage: cyclic }), { showResult: true })).toBe('✅ Completed\n```json\n{"n":"1","self":"[Circular]"}```\n`wf-1` — Task load');
  expect(telegramText(task(TaskStatus.Skipped, { storage: undefined }), { showResult: true })).toBe('⏭️ Skipped\n```json\nnull```\n`wf-1` — Task load');

  const emoji = telegramText(task(TaskStatus.Failed, { error: { attempt: 1, exception: 'E', message: '😀'.repeat(5000), stack: '' } }));
  expect(emoji.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
});
