import 'reflect-metadata';
import { WorkflowStatus } from '@dotflow/core';
import { main as notifyDiscord } from '../src/notify-discord';
import { main as notifyTelegram } from '../src/notify-telegram';
import { main as serverReporting } from '../src/server-reporting';

// Smoke tests of the notify examples, offline: an empty environment makes each one start its
// local stand-in for Telegram, Discord or the Dotflow server.

function collector(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

test('notify-telegram: the Failed task and the failed workflow, in the reference\'s layout', async () => {
  const { lines, log } = collector();
  const { result, texts } = await notifyTelegram(log, {});
  expect(result.status).toBe(WorkflowStatus.Failed);
  expect(texts).toEqual([
    '❌ Failed\n`ValueError`: invalid row 42\n`telegram-example` — Task load',
    expect.stringMatching(/^❌ Failed\nDuration: \d+ ms\n`telegram-example` — Workflow telegram-example$/),
  ]);
  expect(lines[0]).toBe('Workflow telegram-example: Failed');
  expect(lines[1]).toBe('[fake Telegram] POST /bot<token>/sendMessage\n❌ Failed\n`ValueError`: invalid row 42\n`telegram-example` — Task load');
  expect(lines.join('\n')).not.toContain('example-token');
});

test('notify-discord: an embed per status, with the reference\'s colours and the results', async () => {
  const { lines, log } = collector();
  const { result, embeds } = await notifyDiscord(log, {});
  expect(result.status).toBe(WorkflowStatus.Completed);
  expect(embeds.map((e) => [e.title, e.color, e.description])).toEqual([
    ['🔵 In progress', 0x2196f3, '`discord-example` — Task fetchOrders'],
    ['✅ Completed', 0x4caf50, '`discord-example` — Task fetchOrders'],
    ['🔵 In progress', 0x2196f3, '`discord-example` — Task charge'],
    ['❗ Retry', 0xff9800, '`discord-example` — Task charge'],
    ['✅ Completed', 0x4caf50, '`discord-example` — Task charge'],
    ['✅ Completed', 0x4caf50, '`discord-example` — Workflow discord-example'],
  ]);
  expect(embeds[1]?.fields).toEqual([{ name: 'Result', value: '```json\n{"orders":3}```' }]);
  expect(lines).toHaveLength(7);
});

test('server-reporting: the reference\'s endpoints, in order, with the bearer token', async () => {
  const { lines, log } = collector();
  const { result, requests } = await serverReporting(log, {});
  expect(result.status).toBe(WorkflowStatus.Completed);
  expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'POST /api/v1/cli/workflows',
    'PATCH /api/v1/cli/workflows/server-example',
    'POST /api/v1/cli/workflows/server-example/tasks',
    'PATCH /api/v1/cli/workflows/server-example/tasks/extract',
    'POST /api/v1/cli/workflows/server-example/tasks',
    'PATCH /api/v1/cli/workflows/server-example/tasks/transform',
    'PATCH /api/v1/cli/workflows/server-example',
  ]);
  expect(new Set(requests.map((r) => r.authorization))).toEqual(new Set(['Bearer example-token']));
  expect(requests[5]?.body).toMatchObject({ task_id: 'transform', status: 'Completed', current_context: '["ALICE","BOB"]' });
  expect(requests[6]?.body).toEqual({ status: 'Completed' });
  expect(lines).toContain('[fake server] PATCH /api/v1/cli/workflows/server-example Completed');
});
