import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Event } from '@sentry/node';

/** How the fake answers: `ok` (200), `fail` (500), `hang` (reads the request, never answers). */
export type FakeSentryMode = 'ok' | 'fail' | 'hang';

/** One item of an envelope: its header and its payload (parsed JSON). */
export interface EnvelopeItem {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: unknown;
}

/** One envelope request as the fake received it. */
export interface Envelope {
  readonly url: string;
  readonly gzip: boolean;
  readonly header: Readonly<Record<string, unknown>>;
  readonly items: readonly EnvelopeItem[];
}

/**
 * A Sentry ingest endpoint on 127.0.0.1 (a free port) that records the envelopes the real
 * client sends it: newline-delimited JSON, gunzipped when the client compressed it (it does for
 * bodies over 32 KiB).
 */
export class FakeSentry {
  public readonly envelopes: Envelope[] = [];
  /** Requests that arrived (answered or not). */
  public requests = 0;
  #arrivals: (() => void)[] = [];

  private constructor(private readonly server: Server, private readonly mode: FakeSentryMode) {}

  public static async start(mode: FakeSentryMode = 'ok'): Promise<FakeSentry> {
    const server = createServer((req, res) => fake.handle(req, res));
    const fake = new FakeSentry(server, mode);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  public get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The DSN of project 1 on this server. */
  public get dsn(): string {
    return `http://public@127.0.0.1:${this.port}/1`;
  }

  /** The error events received so far. */
  public events(): Event[] {
    return this.envelopes.flatMap((e) => e.items).filter((i) => i.header['type'] === 'event').map((i) => i.payload as Event);
  }

  /** Resolves when the next request arrives. */
  public nextRequest(): Promise<void> {
    return new Promise((resolve) => this.#arrivals.push(resolve));
  }

  /** Stops listening and drops every connection (a hanging request's too). */
  public close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests++;
    const arrivals = this.#arrivals;
    this.#arrivals = [];
    for (const resolve of arrivals) resolve();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const gzip = req.headers['content-encoding'] === 'gzip';
      const body = gzip ? gunzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks);
      this.envelopes.push({ url: req.url ?? '', gzip, ...parseEnvelope(body) });
      if (this.mode === 'hang') return;
      res.writeHead(this.mode === 'ok' ? 200 : 500, { 'content-type': 'application/json' });
      res.end(this.mode === 'ok' ? '{}' : '{"detail":"internal error"}');
    });
  }
}

/** A DSN to a loopback port nothing listens on (connections are refused). */
export async function refusingDsn(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://public@127.0.0.1:${port}/1`;
}

/** Parses an envelope: a header line, then per item a header line and a payload (`length` bytes, or a line). */
export function parseEnvelope(body: Buffer): Pick<Envelope, 'header' | 'items'> {
  let at = 0;
  const line = (): Buffer => {
    const end = body.indexOf(0x0a, at);
    const out = body.subarray(at, end < 0 ? body.length : end);
    at = end < 0 ? body.length : end + 1;
    return out;
  };
  const header = JSON.parse(line().toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (at < body.length) {
    const raw = line();
    if (raw.length === 0) continue;
    const itemHeader = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    let payload: Buffer;
    if (typeof itemHeader['length'] === 'number') {
      payload = body.subarray(at, at + itemHeader['length']);
      at += itemHeader['length'] + 1;
    } else {
      payload = line();
    }
    items.push({ header: itemHeader, payload: JSON.parse(payload.toString('utf8')) });
  }
  return { header, items };
}
