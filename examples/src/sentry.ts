/**
 * Sentry: `SentryNotify` from @dotflow/sentry sends failed tasks to Sentry, on a `NodeClient` and a
 * `Scope` of its own (never `Sentry.init`, no global handlers), so it sits beside your app's own
 * Sentry setup. A Failed task becomes an error event (the step's exception, `dotflow.*` tags); its
 * retries are breadcrumbs of the run; `workflowStatuses: ['Failed']` adds the run's final failure.
 * Delivery is in the background: `await config.close()` before exit sends what is queued.
 *
 * Offline by default: without SENTRY_DSN, a tiny HTTP server on 127.0.0.1 plays Sentry and this
 * prints what it received. With SENTRY_DSN=https://<key>@<host>/<project>, events go to your project.
 *
 * Run: npm run build && node examples/dist/sentry.js
 */
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Config, DotFlow, action, type StepContext, type WorkflowStatus } from '@dotflow/core';
import { SentryNotify } from '@dotflow/sentry';
import type { Event } from '@sentry/node';

export const fetchOrders = action(async function fetchOrders() {
  await Promise.resolve(); // stands for real I/O
  return [{ id: 1 }, { id: 2 }];
});

class ConnectionError extends Error {
  public override readonly name = 'ConnectionError';
}

// Fails all three attempts: two Retry breadcrumbs, then one Failed event.
export const saveOrders = action({ retry: 3, retryDelay: 10 }, function saveOrders({ task }: StepContext) {
  throw new ConnectionError(`database unreachable (attempt ${task.attempt})`);
});

export interface SentryOutcome {
  readonly status: WorkflowStatus;
  /** What the local stand-in received (empty when sent to SENTRY_DSN). */
  readonly received: readonly Event[];
}

export async function main(log: (line: string) => void = console.log): Promise<SentryOutcome> {
  const given = process.env['SENTRY_DSN'];
  const local = given === undefined || given === '' ? await localSentry() : undefined;
  const dsn = local?.dsn ?? given;

  const sentry = new SentryNotify({ dsn, environment: 'example', workflowStatuses: ['Failed'] });
  const config = new Config({ notify: sentry });
  const workflow = new DotFlow({ name: 'import-orders', workflowId: 'import-orders', config });
  workflow.task.add({ step: [fetchOrders, saveOrders] });

  const result = await workflow.start(); // never waits for Sentry
  log(`workflow ${result.name}: ${result.status}`);
  await config.close(); // delivers what is queued, then closes the client SentryNotify created

  if (local === undefined) {
    log('sent to your Sentry project (see its Issues)');
    return { status: result.status, received: [] };
  }
  await local.close();
  log(`Sentry received ${local.events.length} events:`);
  for (const event of local.events) {
    const exception = event.exception?.values?.[0];
    log(`  ${event.level}: ${exception ? `${exception.type}: ${exception.value}` : event.message}`);
    const frame = exception?.stacktrace?.frames?.at(-1); // frames run outermost first
    if (frame) log(`    thrown at ${frame.function} (${basename(frame.filename ?? '?')}:${frame.lineno})`);
    log(`    tags: ${Object.entries(event.tags ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
    for (const crumb of event.breadcrumbs ?? []) log(`    breadcrumb (${crumb.level}): ${crumb.message}`);
  }
  return { status: result.status, received: local.events };
}

/** A stand-in for Sentry on a free loopback port: keeps the events of the envelopes it is sent. */
async function localSentry(): Promise<{ dsn: string; events: Event[]; close: () => Promise<void> }> {
  const events: Event[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      // An envelope: JSON lines, an item header before each payload; gzipped when large.
      const lines = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8').split('\n');
      lines.forEach((line, i) => {
        if (i > 0 && line.startsWith('{"type":"event"')) events.push(JSON.parse(lines[i + 1] ?? '{}') as Event);
      });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    events,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

if (require.main === module) void main();
