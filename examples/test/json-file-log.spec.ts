import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/json-file-log';

let dir: string;
let info: jest.SpyInstance;
let warn: jest.SpyInstance<void, unknown[]>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dotflow-example-log-'));
  info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

test('json-file-log: one JSON line per event in the file (its folder made), text on the console, no results', async () => {
  const path = join(dir, 'logs', 'flow.log');
  const printed: string[] = [];
  const lines = await main(path, (line) => printed.push(line));
  expect(lines.map((l) => [l.level, l.taskId ?? l.type, l.status])).toEqual([
    ['info', 'workflow', 'In progress'],
    ['info', 'login', 'In progress'],
    ['info', 'login', 'Completed'],
    ['info', 'fetchOrders', 'In progress'],
    ['warn', 'fetchOrders', 'Retry'],
    ['info', 'fetchOrders', 'Completed'],
    ['info', 'workflow', 'Completed'],
  ]);
  expect(lines[4]?.error).toMatchObject({ exception: 'Error', message: 'rate limited' });
  expect(lines.every((l) => l.workflowId === 'orders-daily' && l.storage === undefined)).toBe(true);
  expect(readFileSync(path, 'utf8')).not.toContain('s3cr3t');
  expect(printed[4]).toMatch(/ warn {2}fetchOrders Retry \(rate limited\)$/);
  expect(info).toHaveBeenCalledTimes(6);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]?.[0])).toMatch(/ - WARN \[dotflow\]: ❗ orders-daily fetchOrders: Retry \(attempt 1\) — Error: rate limited$/);
});

test('json-file-log: a second run appends to the same file', async () => {
  const path = join(dir, 'flow.log');
  await main(path, () => undefined);
  await main(path, () => undefined);
  expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(14);
});
