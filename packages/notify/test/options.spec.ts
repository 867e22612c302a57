import { DotflowError } from '@dotflow/core';
import { DiscordNotify, HttpServer, InvalidNotifyOptionsError, TelegramNotify } from '@dotflow/notify';

const telegram = (more: Record<string, unknown>) => () => new TelegramNotify({ token: '1:t', chatId: 1, ...more });

test.each([
  [{ chatId: undefined }, 'new TelegramNotify(): "chatId" must be a chat\'s numeric id or \'@channelname\', got undefined'],
  [{ chatId: 1.5 }, 'new TelegramNotify(): "chatId" must be a chat\'s numeric id or \'@channelname\', got 1.5'],
  [{ token: '' }, 'new TelegramNotify(): "token" must be a non-empty string (the bot token from @BotFather), got an empty string'],
  [{ token: 42 }, 'new TelegramNotify(): "token" must be a non-empty string (the bot token from @BotFather), got 42'],
  [{ apiBase: 'file:///x' }, 'new TelegramNotify(): "apiBase" must be an http: or https: URL, got "file:///x"'],
  [{ timeoutMs: 0 }, 'new TelegramNotify(): "timeoutMs" must be an integer ≥ 1, got 0'],
  [{ retries: -1 }, 'new TelegramNotify(): "retries" must be an integer ≥ 0, got -1'],
  [{ retryDelayMs: 'x' }, 'new TelegramNotify(): "retryDelayMs" must be an integer ≥ 0, got "x"'],
  [{ deadlineMs: 0 }, 'new TelegramNotify(): "deadlineMs" must be an integer ≥ 1, got 0'],
  [{ maxRetryAfterMs: 1.5 }, 'new TelegramNotify(): "maxRetryAfterMs" must be an integer ≥ 0, got 1.5'],
  [{ statuses: ['Failed', 'Done'] }, 'new TelegramNotify(): "statuses" must list only \'Not started\', \'In progress\', \'Completed\', \'Paused\', \'Retry\', \'Failed\', \'Skipped\', \'Cancelled\', got "Done"'],
  [{ statuses: 'Failed' }, 'new TelegramNotify(): "statuses" must be \'all\' or an array of \'Not started\', \'In progress\', \'Completed\', \'Paused\', \'Retry\', \'Failed\', \'Skipped\', \'Cancelled\', got "Failed"'],
  [{ workflowStatuses: ['Retry'] }, 'new TelegramNotify(): "workflowStatuses" must list only \'New\', \'In progress\', \'Completed\', \'Failed\', \'Cancelled\', got "Retry"'],
  [{ throttle: { max: 1 } }, 'new TelegramNotify(): "throttle.windowMs" must be an integer ≥ 1, got undefined'],
  [{ throttle: { windowMs: 1000, max: 0 } }, 'new TelegramNotify(): "throttle.max" must be an integer ≥ 1, got 0'],
  [{ throttle: 5 }, 'new TelegramNotify(): "throttle" must be { windowMs, max }, got 5'],
  [{ clock: {} }, 'new TelegramNotify(): "clock" must have now(), setTimeout() and clearTimeout(), got an object'],
])('TelegramNotify(%j) throws an error that names the option', (options, message) => {
  const make = telegram(options);
  expect(make).toThrow(InvalidNotifyOptionsError);
  expect(make).toThrow(message);
});

test('the other providers validate the same way, and every error is a DotflowError', () => {
  expect(() => new DiscordNotify({ webhookUrl: 'nope' })).toThrow('new DiscordNotify(): "webhookUrl" must be an http: or https: URL, got (hidden: it is a secret)');
  expect(() => new DiscordNotify({ webhookUrl: 'https://discord.com/api/webhooks/1/t', retries: 1.5 })).toThrow('new DiscordNotify(): "retries" must be an integer ≥ 0, got 1.5');
  expect(() => new HttpServer({ baseUrl: 'http://x', token: 't', timeoutMs: -5, env: {} })).toThrow('new HttpServer(): "timeoutMs" must be an integer ≥ 1, got -5');
  let caught: unknown;
  try {
    new HttpServer({ env: {} });
  } catch (error) {
    caught = error;
  }
  expect(DotflowError.is(caught)).toBe(true);
});
