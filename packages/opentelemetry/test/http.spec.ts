import { SpanKind } from '@opentelemetry/api';
import { runFixture } from './fixture';

interface FixtureSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly attributes: Record<string, unknown>;
}

// HttpInstrumentation cannot patch `http` under jest (its require-in-the-middle hook never sees
// jest's module loader), so this case runs in a plain Node child process: see the fixture.
it('an http.get made inside a step, to a loopback server, is a child of its task span (HttpInstrumentation)', async () => {
  const outcome = await runFixture('http-step.fixture.ts');
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  const { status, storage, spans } = JSON.parse(outcome.stdout) as { status: string; storage: unknown; spans: FixtureSpan[] };
  expect(status).toBe('Completed');
  expect(storage).toEqual({ users: ['Alice', 'Bob'] });

  const task = spans.find((s) => s.name === 'task:fetchUsers');
  const workflow = spans.find((s) => s.name === 'workflow:http');
  const client = spans.filter((s) => s.kind === SpanKind.CLIENT);
  expect(client).toHaveLength(1);
  expect(client[0]?.name).toBe('GET');
  expect(client[0]?.attributes['http.response.status_code'] ?? client[0]?.attributes['http.status_code']).toBe(200);
  expect(client[0]?.parentSpanId).toBe(task?.spanId);
  expect(client[0]?.traceId).toBe(task?.traceId);
  expect(task?.parentSpanId).toBe(workflow?.spanId);
  expect(workflow?.parentSpanId).toBeUndefined();
}, 30_000);
