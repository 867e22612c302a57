import 'reflect-metadata';
import type { Observer } from '@dotflow/core';
import { DiscordNotify, HttpServer, TelegramNotify } from '@dotflow/notify';
import { RecordingLog, StandIn, configWith, errorTexts, extract, flowOf, load, refusedUrl, type Reply } from './stand-in';

// Tokens and webhook URLs never appear in a log line or an error message: every way an endpoint
// can fail, with an endpoint that echoes back everything it was sent.

const TOKEN = '5550001:TELEGRAM-SECRET-token';
const WEBHOOK_TOKEN = 'DISCORD-SECRET-webhook-token';
const SERVER_TOKEN = 'SERVER-SECRET-user-token';

const echo = (status: number) => (r: { url: string; headers: Record<string, unknown>; body: string }): Reply => {
  const said = `you sent ${r.url} with ${String(r.headers.authorization)} and ${r.body}`;
  return { status, body: JSON.stringify({ ok: false, description: said, message: said, detail: said }) };
};

const failures: readonly [string, (r: Parameters<ReturnType<typeof echo>>[0]) => Reply][] = [
  ['400', echo(400)],
  ['401', echo(401)],
  ['403', echo(403)],
  ['404', echo(404)],
  ['409', echo(409)],
  ['429 with a long retry_after', (r) => ({ status: 429, body: JSON.stringify({ parameters: { retry_after: 9999 }, retry_after: 9999, description: r.url }) })],
  ['429 every time', (r) => ({ status: 429, headers: { 'Retry-After': '0' }, body: JSON.stringify({ description: r.url }) })],
  ['500', echo(500)],
  ['a body that is not JSON', (r) => ({ status: 502, body: `<html>${r.url} ${String(r.headers.authorization)}</html>` })],
  ['a hang', () => 'hang'],
  ['a dropped connection', () => 'reset'],
];

type Make = (base: string) => Observer;
const providers: readonly [string, Make, readonly string[]][] = [
  ['TelegramNotify', (base) => new TelegramNotify({ token: TOKEN, chatId: 1, apiBase: base, statuses: 'all', workflowStatuses: 'all', timeoutMs: 50, retries: 1, retryDelayMs: 0 }), [TOKEN]],
  [
    'DiscordNotify',
    (base) => new DiscordNotify({ webhookUrl: `${base}/api/webhooks/4242424242/${WEBHOOK_TOKEN}`, statuses: 'all', workflowStatuses: 'all', timeoutMs: 50, retries: 1, retryDelayMs: 0 }),
    [WEBHOOK_TOKEN, '/api/webhooks/4242424242'],
  ],
  ['HttpServer', (base) => new HttpServer({ baseUrl: base, token: SERVER_TOKEN, timeoutMs: 50, retries: 1, retryDelayMs: 0 }), [SERVER_TOKEN]],
];

/** Runs a failing flow observed by `observer`; returns every text a log could show. */
async function everythingLogged(observer: Observer): Promise<{ texts: string[]; errors: number }> {
  const log = new RecordingLog();
  const config = configWith({ log, ...(observer instanceof HttpServer ? { server: observer } : { notify: observer }) });
  await flowOf(config, [extract, load]).flow.start();
  await config.flush();
  await config.close();
  return { texts: log.texts(), errors: log.errors().length };
}

describe.each(providers)('%s', (_name, make, secrets) => {
  let endpoint: StandIn | undefined;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  test.each(failures)('an endpoint that answers %s: no secret in any log line or error', async (what, reply) => {
    endpoint = await StandIn.start((r) => reply(r));
    const observer = make(endpoint.url);
    const { texts, errors } = await everythingLogged(observer);
    expect(endpoint.requests.length).toBeGreaterThan(0);
    if (what !== '409' || !(observer instanceof HttpServer)) expect(errors).toBeGreaterThan(0); // it did fail, and said so (a 409 to a server's create means "exists")
    for (const secret of secrets) for (const text of texts) expect(text).not.toContain(secret);
  });

  test('nothing listening: no secret in any log line or error', async () => {
    const { texts, errors } = await everythingLogged(make(await refusedUrl()));
    expect(errors).toBeGreaterThan(0);
    for (const secret of secrets) for (const text of texts) expect(text).not.toContain(secret);
  });
});

test('option errors never show a secret', () => {
  const thrown = (make: () => unknown): string[] => {
    try {
      make();
    } catch (error) {
      return errorTexts(error);
    }
    throw new Error('expected a throw');
  };
  const texts = [
    ...thrown(() => new TelegramNotify({ token: `${TOKEN} x`, chatId: 1 })),
    ...thrown(() => new TelegramNotify({ token: `${TOKEN}/x`, chatId: 1 })),
    ...thrown(() => new DiscordNotify({ webhookUrl: `ftp://x/${WEBHOOK_TOKEN}` })),
    ...thrown(() => new DiscordNotify({ webhookUrl: `not a url ${WEBHOOK_TOKEN}` })),
    ...thrown(() => new HttpServer({ baseUrl: 'http://127.0.0.1:1', token: `${SERVER_TOKEN}\n` })),
    ...thrown(() => new HttpServer({ token: SERVER_TOKEN, env: {} })),
  ];
  expect(texts.length).toBeGreaterThan(0);
  for (const secret of [TOKEN, WEBHOOK_TOKEN, SERVER_TOKEN]) for (const text of texts) expect(text).not.toContain(secret);
});

test('an error rejected by onEvent itself holds no secret (message, stack, fields or cause)', async () => {
  const endpoint = await StandIn.start(echo(401));
  try {
    const notify = new TelegramNotify({ token: TOKEN, chatId: 1, apiBase: endpoint.url, retries: 0 });
    const event = { type: 'workflow', workflowId: 'w', runId: 'r', name: 'n', status: 'Failed', at: new Date(0) } as const;
    const error = await Promise.resolve(notify.onEvent(event)).then(() => undefined, (e: unknown) => e);
    expect(String(error)).toContain('HTTP 401');
    expect(String(error)).toContain('you sent /bot***/sendMessage');
    for (const text of errorTexts(error)) expect(text).not.toContain(TOKEN);
  } finally {
    await endpoint.close();
  }
});
