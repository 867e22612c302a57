import 'reflect-metadata';
import { TaskStatus, WorkflowStatus, type TaskEvent } from '@dotflow/core';
import { VirtualClock } from '@dotflow/core/testing';
import { DiscordNotify, discordEmbed, DISCORD_COLORS } from '@dotflow/notify';
import { StandIn, configWith, extract, flowOf, load } from './stand-in';

const HOOK = '/api/webhooks/1234567890/discord-webhook-token-abcdef';
let discord: StandIn;
afterEach(() => discord?.close());

const task = (status: TaskEvent['status'], more: Partial<TaskEvent> = {}): TaskEvent => ({
  type: 'task', workflowId: 'wf-1', runId: 'r1', taskId: 'load', name: 'load', group: 'default', status, attempt: 1, at: new Date(0), ...more,
});

test('a failed run posts the reference\'s embeds to the webhook, byte for byte', async () => {
  discord = await StandIn.start(() => ({ status: 204 }));
  const config = configWith({ clock: new VirtualClock(0), notify: new DiscordNotify({ webhookUrl: `${discord.url}${HOOK}` }) });
  await flowOf(config, [extract, load]).flow.start();
  await config.flush();

  expect(discord.requests.map((r) => [r.method, r.url, r.headers['content-type']])).toEqual([
    ['POST', HOOK, 'application/json'],
    ['POST', HOOK, 'application/json'],
  ]);
  expect(discord.requests.map((r) => r.body)).toEqual([
    JSON.stringify({ embeds: [{ title: '❌ Failed', color: 0xf44336, description: '`wf-1` — Task load', fields: [{ name: 'Error', value: '`ValueError`: something broke' }] }] }),
    JSON.stringify({ embeds: [{ title: '❌ Failed', color: 0xf44336, description: '`wf-1` — Workflow etl', fields: [{ name: 'Duration', value: '0 ms' }] }] }),
  ]);
});

test('showResult adds a Result field; every status has the reference\'s colour', async () => {
  discord = await StandIn.start(() => ({ status: 204 }));
  const notify = new DiscordNotify({ webhookUrl: `${discord.url}${HOOK}?wait=true`, statuses: 'all', workflowStatuses: 'all', showResult: true });
  const config = configWith({ clock: new VirtualClock(0), notify });
  await flowOf(config, [extract]).flow.start();
  await config.flush();

  expect(discord.requests[0]?.url).toBe(`${HOOK}?wait=true`);
  const embeds = discord.json().map((b) => (b as { embeds: unknown[] }).embeds[0]);
  expect(embeds).toEqual([
    { title: '🔵 In progress', color: 0x2196f3, description: '`wf-1` — Workflow etl', fields: [] },
    { title: '🔵 In progress', color: 0x2196f3, description: '`wf-1` — Task extract', fields: [] },
    { title: '✅ Completed', color: 0x4caf50, description: '`wf-1` — Task extract', fields: [{ name: 'Result', value: '```json\n{"users":150}```' }] },
    { title: '✅ Completed', color: 0x4caf50, description: '`wf-1` — Workflow etl', fields: [{ name: 'Duration', value: '0 ms' }] },
  ]);
  expect(DISCORD_COLORS).toEqual({ Completed: 0x4caf50, Failed: 0xf44336, Retry: 0xff9800, 'In progress': 0x2196f3, 'Not started': 0x9e9e9e, New: 0x9e9e9e, Paused: 0x607d8b });
  expect(discordEmbed(task(TaskStatus.Retry)).color).toBe(0xff9800);
  expect(discordEmbed(task(TaskStatus.Paused)).color).toBe(0x607d8b);
  expect(discordEmbed(task(TaskStatus.Cancelled)).color).toBe(0x9e9e9e);
  expect(discordEmbed(task(TaskStatus.Skipped)).title).toBe('⏭️ Skipped');
  expect(discordEmbed({ type: 'workflow', workflowId: 'w', runId: 'r', name: 'n', status: WorkflowStatus.New, at: new Date(0) }).title).toBe('⚪ New');
});

test('fields stay within 1024 characters (fences included) and the embed within 6000', () => {
  const huge = 'y'.repeat(9_000);
  const embed = discordEmbed(task(TaskStatus.Completed, { storage: huge }), { showResult: true });
  const result = embed.fields[0]?.value ?? '';
  expect(result.length).toBe(1024);
  expect(result.startsWith('```json\n"yyy')).toBe(true);
  expect(result.endsWith('y…```')).toBe(true);

  const failed = discordEmbed(task(TaskStatus.Failed, { workflowId: 'w'.repeat(9_000), error: { attempt: 1, exception: 'E', message: huge, stack: '' } }));
  expect(failed.fields[0]?.value.length).toBe(1024);
  const total = failed.title.length + failed.description.length + failed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  expect(total).toBeLessThanOrEqual(6000);
  expect(failed.description.length).toBeLessThanOrEqual(4096);
});
