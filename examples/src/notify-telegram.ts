/**
 * Telegram notifications: `TelegramNotify` is an observer of every run. By default it sends each
 * Failed task and the workflow's final status, in the reference's layout:
 *
 *   ❌ Failed
 *   `ValueError`: invalid row 42
 *   `<workflowId>` — Task load
 *
 * Messages go out after the run moved on (the run never waits for Telegram); `config.close()`
 * (or `flush()`) waits for them before the process exits.
 *
 * Run: npm run build && node examples/dist/notify-telegram.js
 * With TELEGRAM_TOKEN and TELEGRAM_CHAT_ID set, the messages go to that chat. Without them, a
 * local HTTP server on 127.0.0.1 stands in for the Bot API and prints what it received.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Config, ConsoleLog, DotFlow, action, type WorkflowResult } from '@dotflow/core';
import { TelegramNotify } from '@dotflow/notify';

class ValueError extends Error {
  public override readonly name = 'ValueError';
}

export const extract = action(function extract() {
  return { rows: 42 };
});
export const load = action(function load() {
  throw new ValueError('invalid row 42');
});

/** A stand-in for the Bot API: answers every sendMessage with ok, and keeps its text. */
async function fakeBotApi(log: (line: string) => void): Promise<{ url: string; texts: string[]; close: () => Promise<void> }> {
  const texts: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const { text } = JSON.parse(body) as { text: string };
      texts.push(text);
      log(`[fake Telegram] ${req.method} ${req.url?.replace(/\/bot[^/]*/, '/bot<token>')}\n${text}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true,"result":{}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, texts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface TelegramOutcome {
  readonly result: WorkflowResult;
  /** The texts the stand-in received (empty when a real chat got them). */
  readonly texts: readonly string[];
}

export async function main(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<TelegramOutcome> {
  const token = env.TELEGRAM_TOKEN;
  const chatId = env.TELEGRAM_CHAT_ID;
  const real = token !== undefined && token !== '' && chatId !== undefined && chatId !== '';
  const fake = real ? undefined : await fakeBotApi(log);

  const notify = new TelegramNotify({
    token: real ? token : 'example-token',
    chatId: real ? chatId : 42,
    ...(fake ? { apiBase: fake.url } : {}),
    throttle: { windowMs: 60_000, max: 10 }, // at most 10 messages a minute per workflow; the rest in one digest
  });
  const config = new Config({ notify, log: new ConsoleLog({ level: 'silent' }) });
  const workflow = new DotFlow({ config, name: 'telegram-example', workflowId: 'telegram-example' });
  workflow.task.add({ step: [extract, load] });

  const result = await workflow.start();
  log(`Workflow ${result.workflowId}: ${result.status}`);
  await config.close(); // sends what is pending, then stops the throttle's timers
  await fake?.close();
  return { result, texts: fake?.texts ?? [] };
}

if (require.main === module) void main();
