/**
 * Server reporting: `HttpServer` reports every run to a Dotflow server with the reference's
 * endpoints — `POST /cli/workflows` (once per workflow id), `PATCH /cli/workflows/{id}` with the
 * workflow's status, `POST /cli/workflows/{id}/tasks` as each task starts and
 * `PATCH /cli/workflows/{id}/tasks/{taskId}` with its final state — each with
 * `Authorization: Bearer <token>`. Requests go out in order per run, after the run moved on.
 *
 * Run: npm run build && node examples/dist/server-reporting.js
 * With SERVER_BASE_URL and SERVER_USER_TOKEN set, `new HttpServer()` reports there. Without them,
 * a local HTTP server on 127.0.0.1 stands in for the Dotflow server and prints what it received.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Config, ConsoleLog, DotFlow, action, type WorkflowResult } from '@dotflow/core';
import { HttpServer } from '@dotflow/notify';

export const extract = action(function extract() {
  return ['Alice', 'Bob'];
});
export const transform = action(function transform({ previousContext }) {
  return (previousContext.storage as string[]).map((name) => name.toUpperCase());
});

/** One request the stand-in received. */
export interface ServerRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** A stand-in for the Dotflow server: answers 201 with `{}`, and keeps every request. */
async function fakeServer(log: (line: string) => void): Promise<{ url: string; requests: ServerRequest[]; close: () => Promise<void> }> {
  const requests: ServerRequest[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text) as { status?: string };
      requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      log(`[fake server] ${req.method} ${req.url} ${body.status ?? ''}`.trimEnd());
      res.writeHead(201, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  return { url, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface ServerOutcome {
  readonly result: WorkflowResult;
  /** What the stand-in received (empty when a real server did). */
  readonly requests: readonly ServerRequest[];
}

export async function main(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<ServerOutcome> {
  const managed = Boolean(env.SERVER_BASE_URL) && Boolean(env.SERVER_USER_TOKEN);
  const fake = managed ? undefined : await fakeServer(log);
  // Without options, HttpServer reads SERVER_BASE_URL and SERVER_USER_TOKEN from the environment.
  const server = fake ? new HttpServer({ baseUrl: fake.url, token: 'example-token' }) : new HttpServer({ env });

  const config = new Config({ server, log: new ConsoleLog({ level: 'silent' }) });
  const workflow = new DotFlow({ config, name: 'server-example', workflowId: 'server-example' });
  workflow.task.add({ step: [extract, transform] });

  const result = await workflow.start();
  log(`Workflow ${result.workflowId}: ${result.status}`);
  await config.close();
  await fake?.close();
  return { result, requests: fake?.requests ?? [] };
}

if (require.main === module) void main();
