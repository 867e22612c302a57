import 'reflect-metadata';
import { action, type DotflowEvent } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { DiscordNotify, NotifyDeliveryError, TelegramNotify, telegramDigestText, discordDigestEmbed, type TelegramNotifyOptions } from '@dotflow/notify';
import { StandIn, configWith, flowOf, type Reply } from './stand-in';

const TOKEN = '1:throttle';
let telegram: StandIn;
afterEach(() => telegram?.close());

/** Seven steps that fail (each retried once): 7 Failed + the workflow's Failed with the default statuses. */
const failing = Array.from({ length: 7 }, (_, i) =>
  action({ name: `t${i + 1}`, retry: 2, retryDelay: 0 }, () => {
    throw new Error(`boom ${i + 1}`);
  }),
);

/** The events of one run of `failing` (keepGoing), as core hands them to an observer. */
async function eventsOfRun(workflowId = 'wf-1'): Promise<DotflowEvent[]> {
  const { flow, events } = flowOf(configWith({}), failing, workflowId);
  await flow.start({ keepGoing: true });
  return events;
}

async function notifier(options: Partial<TelegramNotifyOptions> = {}, reply?: (n: number) => Reply) {
  telegram = await StandIn.start(reply === undefined ? undefined : (_r, n) => reply(n));
  const clock = new VirtualClock(0);
  const notify = new TelegramNotify({ token: TOKEN, chatId: 1, apiBase: telegram.url, clock, throttle: { windowMs: 60_000, max: 3 }, ...options });
  return { notify, clock };
}

const firstLines = (): string[] => telegram.json().map((b) => (b as { text: string }).text.split('\n')[0] ?? '');

test('past max per window, messages are held; when the window ends, one digest says what was held', async () => {
  const { notify, clock } = await notifier();
  for (const event of await eventsOfRun()) await notify.onEvent(event);
  expect(firstLines()).toEqual(['❌ Failed', '❌ Failed', '❌ Failed']);

  await clock.advance(59_999);
  expect(telegram.requests).toHaveLength(3);
  await clock.advance(1);
  await notify.flush();
  expect(telegram.requests).toHaveLength(4);
  expect((telegram.json()[3] as { text: string }).text).toBe('5 more: 4 Failed, 1 workflow Failed\n`wf-1` — held back by the throttle (at most 3 per 60 s)');
  expect(clock.pending).toBe(0);

  // the next window starts with the next message
  for (const event of await eventsOfRun()) await notify.onEvent(event);
  expect(telegram.requests).toHaveLength(7);
  await notify.close();
  expect(clock.pending).toBe(0);
});

test('Config.flush() sends the pending digest at once; the window goes on; close() clears its timer', async () => {
  const { notify, clock } = await notifier({ statuses: ['Failed', 'Retry'] });
  const config = configWith({ notify });
  await flowOf(config, failing).flow.start({ keepGoing: true });
  await config.flush();
  expect(firstLines()).toEqual(['❗ Retry', '❌ Failed', '❗ Retry', '12 more: 6 Failed, 5 Retry, 1 workflow Failed']);
  expect(clock.pending).toBe(1); // the window's end

  await clock.advance(60_000); // nothing more was held: no second digest
  await config.flush();
  expect(telegram.requests).toHaveLength(4);

  await flowOf(config, failing).flow.start({ keepGoing: true });
  await config.close();
  expect(clock.pending).toBe(0);
  expect(telegram.requests).toHaveLength(4 + 3 + 1); // a new window: 3 sent, the rest in close()'s digest
});

test('each workflow has its own window', async () => {
  const { notify } = await notifier({ throttle: { windowMs: 1_000, max: 1 } });
  for (const event of [...(await eventsOfRun('a')), ...(await eventsOfRun('b'))]) await notify.onEvent(event);
  await notify.flush();
  expect(telegram.json().map((b) => (b as { text: string }).text)).toEqual([
    '❌ Failed\n`Error`: boom 1\n`a` — Task t1',
    '❌ Failed\n`Error`: boom 1\n`b` — Task t1',
    '7 more: 6 Failed, 1 workflow Failed\n`a` — held back by the throttle (at most 1 per 1 s)',
    '7 more: 6 Failed, 1 workflow Failed\n`b` — held back by the throttle (at most 1 per 1 s)',
  ]);
  await notify.close();
});

test('a digest sent by the window\'s timer that fails is reported by the next flush()', async () => {
  const { notify, clock } = await notifier({ retries: 0 }, (n) => (n < 3 ? { status: 200, body: '{"ok":true}' } : { status: 400, body: '{"description":"Bad Request: chat not found"}' }));
  for (const event of await eventsOfRun()) await notify.onEvent(event);
  await clock.advance(60_000);
  await telegram.received(4);
  const flushed = notify.flush();
  await expect(flushed).rejects.toBeInstanceOf(NotifyDeliveryError);
  await expect(flushed).rejects.toThrow("Telegram answered HTTP 400 (Bad Request: chat not found) to the throttle's digest of workflow wf-1");
  await expect(notify.flush()).resolves.toBeUndefined(); // reported once
  await notify.close();
});

test('on the system clock, the window timer is unref\'d and close() clears it', async () => {
  telegram = await StandIn.start();
  const setTimer = jest.spyOn(global, 'setTimeout');
  const clearTimer = jest.spyOn(global, 'clearTimeout');
  try {
    const notify = new DiscordNotify({ webhookUrl: `${telegram.url}/api/webhooks/1/throttled`, throttle: { windowMs: 3_600_000, max: 1 } });
    const [event] = (await eventsOfRun()).filter((e) => e.status === 'Failed');
    await notify.onEvent(event as DotflowEvent);
    const call = setTimer.mock.calls.findIndex(([, ms]) => ms === 3_600_000);
    const timer = setTimer.mock.results[call]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await notify.close();
    expect(clearTimer).toHaveBeenCalledWith(timer);
  } finally {
    setTimer.mockRestore();
    clearTimer.mockRestore();
  }
});

test('the digest layouts', () => {
  const digest = { workflowId: 'etl', held: 7, counts: [['Failed', 5], ['Retry', 2]] as const, throttle: { windowMs: 1_500, max: 10 } };
  expect(telegramDigestText(digest)).toBe('7 more: 5 Failed, 2 Retry\n`etl` — held back by the throttle (at most 10 per 1500 ms)');
  expect(discordDigestEmbed(digest)).toEqual({ title: '7 more: 5 Failed, 2 Retry', color: 0xf44336, description: '`etl` — held back by the throttle (at most 10 per 1500 ms)', fields: [] });
  expect(discordDigestEmbed({ ...digest, counts: [['workflow Completed', 1]] }).color).toBe(0x4caf50);
});
