import 'reflect-metadata';
import { TaskStatus, WorkflowStatus } from '@dotflow/core';
import { DiscordNotify, TelegramNotify, type TelegramNotifyOptions } from '@dotflow/notify';
import { RecordingLog, StandIn, WatchedClock, configWith, extract, flowOf, load, refusedUrl, type Reply } from './stand-in';

const TOKEN = '987654:delivery-token';
let service: StandIn | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** A run of [extract, load] notified by a Telegram stand-in answering `reply`; the log records what core logged. */
async function runWith(reply: (n: number) => Reply | Promise<Reply>, options: Partial<TelegramNotifyOptions> = {}) {
  service = await StandIn.start((_r, n) => reply(n));
  const log = new RecordingLog();
  const config = configWith({ log, notify: new TelegramNotify({ token: TOKEN, chatId: 1, apiBase: service.url, retryDelayMs: 0, ...options }) });
  const result = await flowOf(config, [extract, load]).flow.start();
  return { service, log, config, result };
}

const ok: Reply = { status: 200, body: '{"ok":true}' };

test('a 5xx is retried with backoff until it succeeds', async () => {
  const { service, log, config } = await runWith((n) => (n === 0 ? { status: 500 } : n === 1 ? { status: 502 } : ok), { workflowStatuses: [] });
  await config.flush();
  expect(service.requests).toHaveLength(3);
  expect(new Set(service.requests.map((r) => r.body)).size).toBe(1);
  expect(log.errors()).toEqual([]);
});

test('past its retries a 5xx is logged at error with the status and the attempts', async () => {
  const { service, log, config } = await runWith(() => ({ status: 503, body: '{"ok":false,"description":"Service Unavailable"}' }), { retries: 1, workflowStatuses: [] });
  await config.flush();
  expect(service.requests).toHaveLength(2);
  expect(log.errors()).toContainEqual(
    'notify.onEvent threw: NotifyDeliveryError: Telegram answered HTTP 503 (Service Unavailable) to the Failed message of task load after 2 attempts; Telegram is failing; the message was dropped (raise "retries" to try longer).',
  );
});

test('a 4xx other than 429 is not retried, and its message says how to fix it', async () => {
  const { service, log, config } = await runWith(() => ({ status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' }), { workflowStatuses: [] });
  await config.flush();
  expect(service.requests).toHaveLength(1);
  expect(log.errors()).toContainEqual(
    'notify.onEvent threw: NotifyDeliveryError: Telegram answered HTTP 400 (Bad Request: chat not found) to the Failed message of task load; check "chatId": the bot has no chat with it (send the bot a message first, or add it to the group or channel).',
  );
});

test('a 429 waits the retry_after it asks for (on the notifier\'s clock), then sends again', async () => {
  const clock = new WatchedClock();
  const { service, log, config } = await runWith((n) => (n === 0 ? { status: 429, body: '{"ok":false,"error_code":429,"parameters":{"retry_after":3}}' } : ok), { clock, workflowStatuses: [] });
  expect(await clock.nextTimer()).toBe(3000);
  expect(service.requests).toHaveLength(1);
  await clock.advance(3000);
  await config.flush();
  expect(service.requests).toHaveLength(2);
  expect(log.errors()).toEqual([]);
});

test('Discord\'s 429: the body\'s fractional retry_after, else the Retry-After header', async () => {
  service = await StandIn.start((_r, n) => (n === 0 ? { status: 429, body: '{"retry_after":1.5,"global":false}' } : n === 1 ? { status: 429, headers: { 'Retry-After': '2' } } : { status: 204 }));
  const clock = new WatchedClock();
  const config = configWith({ notify: new DiscordNotify({ webhookUrl: `${service.url}/api/webhooks/1/tok-abcdef`, clock, workflowStatuses: [] }) });
  await flowOf(config, [load]).flow.start();
  expect(await clock.nextTimer()).toBe(1500);
  await clock.advance(1500);
  expect(await clock.nextTimer()).toBe(2000);
  await clock.advance(2000);
  await config.flush();
  expect(service.requests).toHaveLength(3);
});

test('a retry_after beyond maxRetryAfterMs gives the message up at once', async () => {
  const { service, log, config } = await runWith(() => ({ status: 429, body: '{"ok":false,"parameters":{"retry_after":3600}}' }), { workflowStatuses: [] });
  await config.flush();
  expect(service.requests).toHaveLength(1);
  expect(log.errors()).toContainEqual(expect.stringContaining('Telegram rate-limited the Failed message of task load (HTTP 429, retry after 3600000 ms, more than "maxRetryAfterMs" 10000 ms)'));
});

test('a request that hangs is given up after timeoutMs, each attempt', async () => {
  const { service, log, config } = await runWith(() => 'hang', { timeoutMs: 50, retries: 1, workflowStatuses: [] });
  await config.flush();
  expect(service.requests).toHaveLength(2);
  expect(log.errors()).toContainEqual(
    'notify.onEvent threw: NotifyDeliveryError: Telegram did not answer the Failed message of task load within 50 ms (2 attempts); it was dropped. Check the network and "apiBase", or raise "timeoutMs".',
  );
});

test('deadlineMs bounds a message\'s whole delivery: attempts are cut to it, and no retry starts past it', async () => {
  const { service, log, config } = await runWith(() => 'hang', { timeoutMs: 5_000, deadlineMs: 80, retries: 5, retryDelayMs: 50, workflowStatuses: [] });
  await config.flush();
  expect(service.requests).toHaveLength(1);
  expect(log.errors()).toEqual([
    'notify.onEvent threw: NotifyDeliveryError: Telegram did not answer the Failed message of task load within 80 ms (1 attempt); it was dropped. Check the network and "apiBase", or raise "timeoutMs". Its "deadlineMs" (80 ms) ran out before its retries did.',
  ]);
});

test('a refused or dropped connection is a network error, retried then logged', async () => {
  const log = new RecordingLog();
  const config = configWith({ log, notify: new TelegramNotify({ token: TOKEN, chatId: 1, apiBase: await refusedUrl(), retries: 1, retryDelayMs: 0, workflowStatuses: [] }) });
  await flowOf(config, [load]).flow.start();
  await config.flush();
  expect(log.errors()).toContainEqual(
    'notify.onEvent threw: NotifyDeliveryError: Telegram could not be reached for the Failed message of task load (ECONNREFUSED, 2 attempts); it was dropped. Check the network and "apiBase".',
  );

  const reset = await runWith(() => 'reset', { retries: 0, workflowStatuses: [] });
  await reset.config.flush();
  expect(reset.log.errors()).toContainEqual(expect.stringMatching(/^notify\.onEvent threw: NotifyDeliveryError: Telegram could not be reached for the Failed message of task load \([A-Z_]+, 1 attempt\)/));
});

describe.each([
  ['hangs', (): Reply => 'hang'],
  ['answers 500', (): Reply => ({ status: 500 })],
])('an endpoint that %s', (_what, reply) => {
  test('changes neither the run\'s result nor its duration', async () => {
    const { service: endpoint, result, config } = await runWith(reply, { timeoutMs: 60_000, retries: 0, statuses: 'all', workflowStatuses: 'all' });
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Failed]);
    expect(result.duration).toBeLessThan(1_000); // the notifier's timeout is 60 s: the run did not wait for it
    await endpoint.received(1);
    await endpoint.close(); // the hanging request fails now
    service = undefined;
    await config.flush();
  });
});

test('with nothing listening, the run is the same too', async () => {
  const flaky = new TelegramNotify({ token: TOKEN, chatId: 1, apiBase: await refusedUrl(), statuses: 'all', workflowStatuses: 'all', retries: 0 });
  const config = configWith({ notify: flaky });
  const result = await flowOf(config, [extract, load]).flow.start();
  expect(result.status).toBe(WorkflowStatus.Failed);
  expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Failed]);
  await config.flush();
});

test('Config.flush() delivers what is pending, in order', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const { service, config, result } = await runWith((n) => (n === 0 ? gate.then(() => ok) : ok), { statuses: 'all', workflowStatuses: 'all' });
  expect(result.status).toBe(WorkflowStatus.Failed);
  await service.received(1);
  expect(service.requests).toHaveLength(1); // the rest wait behind the first
  const flushed = config.flush();
  release();
  await flushed;
  const texts = service.json().map((b) => (b as { text: string }).text.split('\n')[0]);
  expect(texts).toEqual(['🔵 In progress', '🔵 In progress', '✅ Completed', '🔵 In progress', '❌ Failed', '❌ Failed']);
});

test('a closed notifier ignores later events', async () => {
  service = await StandIn.start();
  const notify = new TelegramNotify({ token: TOKEN, chatId: 1, apiBase: service.url, statuses: 'all' });
  await notify.close();
  const config = configWith({ notify });
  await flowOf(config, [extract]).flow.start();
  await config.close();
  expect(service.requests).toEqual([]);
});
