// A real HTTP server on 127.0.0.1 (a free port) standing in for Telegram, Discord or a Dotflow
// server: records every request and answers as the test scripts it.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VirtualClock } from '@dotflow/core/testing';
import { DotFlow, action, Config, ConsoleLog, type Log, type LogRecord, type ConfigOptions, type DotflowEvent } from '@dotflow/core';

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An answer: a status with a body (JSON text) and headers; `hang` never answers; `reset` drops the connection. */
export type Reply = { readonly status: number; readonly body?: string; readonly headers?: Readonly<Record<string, string>> } | 'hang' | 'reset';

export class StandIn {
  public readonly requests: Recorded[] = [];
  readonly #waiters: { count: number; resolve: () => void }[] = [];
  readonly #server: ReturnType<typeof createServer>;
  #url = '';

  private constructor(reply: (request: Recorded, n: number) => Reply | Promise<Reply>) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const n = this.requests.push(recorded) - 1;
        this.#wake();
        void Promise.resolve(reply(recorded, n)).then((r) => answer(res, r));
      });
    });
  }

  /** `http://127.0.0.1:<port>`. */
  public get url(): string {
    return this.#url;
  }

  /** Starts a stand-in; `reply` answers the n-th request (0-based). */
  public static async start(reply: (request: Recorded, n: number) => Reply | Promise<Reply> = () => ({ status: 200, body: '{"ok":true}' })): Promise<StandIn> {
    const standIn = new StandIn(reply);
    standIn.#server.listen(0, '127.0.0.1');
    await once(standIn.#server, 'listening');
    standIn.#url = `http://127.0.0.1:${(standIn.#server.address() as AddressInfo).port}`;
    return standIn;
  }

  /** Resolves once `count` requests arrived. */
  public received(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** The bodies received, parsed. */
  public json(): unknown[] {
    return this.requests.map((r) => JSON.parse(r.body) as unknown);
  }

  /** Stops listening and drops every connection (hanging ones too). */
  public async close(): Promise<void> {
    const closed = once(this.#server, 'close');
    this.#server.close();
    this.#server.closeAllConnections();
    await closed;
  }

  #wake(): void {
    for (const w of this.#waiters.filter((x) => this.requests.length >= x.count)) {
      this.#waiters.splice(this.#waiters.indexOf(w), 1);
      w.resolve();
    }
  }
}

function answer(res: ServerResponse, reply: Reply): void {
  if (reply === 'hang') return;
  if (reply === 'reset') {
    res.socket?.destroy();
    return;
  }
  res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
  res.end(reply.body ?? '');
}

/** A URL on which nothing listens (a port that was free a moment ago). */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}`;
}

/** A `Log` that keeps every record (at debug, so nothing is left out). */
export class RecordingLog implements Log {
  public readonly level = 'debug' as const;
  public readonly records: LogRecord[] = [];
  public write(record: LogRecord): void {
    this.records.push(record);
  }
  /** Every text a log could write of its records: message, error, stack, cause, fields. */
  public texts(): string[] {
    return this.records.flatMap((r) => [r.message, ...errorTexts(r.error)]);
  }
  /** The messages logged at error about an observer (`notify…`, `server…`). */
  public errors(): string[] {
    return this.records.filter((r) => r.level === 'error' && /^(notify|server)/.test(r.message)).map((r) => r.message);
  }
}

export function errorTexts(error: unknown): string[] {
  if (!(error instanceof Error)) return error === undefined ? [] : [JSON.stringify(error) ?? typeof error];
  return [String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify(Object.entries(error)), ...errorTexts(error.cause)];
}

/** A VirtualClock that tells when a timer is set (so a test awaits a retry's wait instead of polling). */
export class WatchedClock extends VirtualClock {
  public readonly waits: number[] = [];
  #seen = 0;
  #next: (() => void)[] = [];
  public override setTimeout(callback: () => void, ms: number): unknown {
    this.waits.push(ms);
    for (const wake of this.#next.splice(0)) wake();
    return super.setTimeout(callback, ms);
  }
  /** Resolves with the delay of the next timer set that no earlier call returned. */
  public async nextTimer(): Promise<number> {
    if (this.waits.length <= this.#seen) await new Promise<void>((resolve) => this.#next.push(resolve));
    return this.waits[this.#seen++] as number;
  }
}

export class ValueError extends Error {
  public override readonly name = 'ValueError';
}

export const extract = action(function extract() {
  return { users: 150 };
});
export const load = action(function load() {
  throw new ValueError('something broke');
});

/** A config with the given providers and a silent console log (unless a log is given). */
export function configWith(options: ConfigOptions): Config {
  return new Config({ log: new ConsoleLog({ level: 'silent' }), ...options });
}

/** A flow `wf-1` named `etl` of the given steps; `events` collects every event it emits. */
export function flowOf(config: Config, steps: Parameters<DotFlow['task']['add']>[0]['step'], workflowId = 'wf-1'): { flow: DotFlow; events: DotflowEvent[] } {
  const flow = new DotFlow({ config, workflowId, name: 'etl' });
  flow.task.add({ step: steps });
  const events: DotflowEvent[] = [];
  flow.events$.subscribe((e) => events.push(e));
  return { flow, events };
}
