/**
 * Discord notifications: `DiscordNotify` posts an embed per chosen event to a channel's webhook:
 * title `<symbol> <status>`, a colour per status (Completed 0x4CAF50, Failed 0xF44336, Retry
 * 0xFF9800…), description `` `<workflowId>` — Task <taskId> ``, and fields for the error and,
 * with `showResult`, the task's result. Here every task status is sent, with results.
 *
 * Run: npm run build && node examples/dist/notify-discord.js
 * With DISCORD_WEBHOOK_URL set, the embeds go to that channel. Without it, a local HTTP server on
 * 127.0.0.1 stands in for the webhook and prints what it received.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Config, ConsoleLog, DotFlow, action, type WorkflowResult } from '@dotflow/core';
import { DiscordNotify, type DiscordEmbed } from '@dotflow/notify';

export const fetchOrders = action(function fetchOrders() {
  return { orders: 3 };
});
export const charge = action({ retry: 2, retryDelay: 10 }, function charge({ task }) {
  if (task.attempt === 1) throw new Error('payment gateway busy');
  return { charged: 3 };
});

/** A stand-in for a Discord webhook: answers 204 as Discord does, and keeps each embed. */
async function fakeWebhook(log: (line: string) => void): Promise<{ url: string; embeds: DiscordEmbed[]; close: () => Promise<void> }> {
  const embeds: DiscordEmbed[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
      const [embed] = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { embeds: DiscordEmbed[] }).embeds;
      if (embed) embeds.push(embed);
      log(`[fake Discord] ${embed?.title} (#${embed?.color.toString(16)}) ${embed?.description} ${JSON.stringify(embed?.fields)}`);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/webhooks/1/example-token`, embeds, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface DiscordOutcome {
  readonly result: WorkflowResult;
  /** The embeds the stand-in received (empty when a real channel got them). */
  readonly embeds: readonly DiscordEmbed[];
}

export async function main(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<DiscordOutcome> {
  const real = env.DISCORD_WEBHOOK_URL;
  const fake = real === undefined || real === '' ? await fakeWebhook(log) : undefined;

  const notify = new DiscordNotify({ webhookUrl: fake?.url ?? (real as string), statuses: 'all', showResult: true });
  const config = new Config({ notify, log: new ConsoleLog({ level: 'silent' }) });
  const workflow = new DotFlow({ config, name: 'discord-example', workflowId: 'discord-example' });
  workflow.task.add({ step: [fetchOrders, charge] });

  const result = await workflow.start();
  log(`Workflow ${result.workflowId}: ${result.status}`);
  await config.close();
  await fake?.close();
  return { result, embeds: fake?.embeds ?? [] };
}

if (require.main === module) void main();
