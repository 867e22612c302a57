/**
 * A JSON file log: `ConsoleLog({ output: 'both' })` writes text lines on the console and one
 * JSON line per event to `.output/flow.log` — the run history that `dotflow logs` reads. The file is appended to, its folder created; lines are held back for up to
 * 50 ms and written whole (also on `config.close()` and when the process exits). Step results stay
 * out of the file unless `includeResults: true`: they can be large, or secret.
 *
 * Run: npm run build && node examples/dist/json-file-log.js
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Config, ConsoleLog, DEFAULT_LOG_PATH, DotFlow, action, type JsonLogLine, type StepContext } from '@dotflow/core';

export const login = action(function login() {
  return { token: 's3cr3t' }; // a result the log file never shows
});

// Fails its first attempt: a Retry line (warn) on the console and in the file.
export const fetchOrders = action({ retry: 2, retryDelay: 10 }, function fetchOrders({ task }: StepContext<{ token: string }>) {
  if (task.attempt === 1) throw new Error('rate limited');
  return { orders: 3 };
});

export async function main(path = DEFAULT_LOG_PATH, log: (line: string) => void = console.log): Promise<JsonLogLine[]> {
  // level 'info' puts every event in the file; the console shows the same lines as text.
  const config = new Config({ log: new ConsoleLog({ level: 'info', output: 'both', path }) });
  const workflow = new DotFlow({ name: 'orders', workflowId: 'orders-daily', config });
  workflow.task.add({ step: [login, fetchOrders] });
  const { runId } = await workflow.start();
  await config.close(); // writes what the file still holds back, and closes it

  // The run history: this run's lines, one JSON object each.
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JsonLogLine)
    .filter((line) => line.runId === runId);
  for (const line of lines) log(`${line.time} ${line.level.padEnd(5)} ${line.taskId ?? line.name ?? ''} ${line.status ?? ''}${line.error ? ` (${line.error.message})` : ''}`);
  return lines;
}

if (require.main === module) void main();
