import 'reflect-metadata';
import { Config, ConsoleLog, DotFlow, TaskStatus, WorkflowStatus, type WorkflowResult } from '@dotflow/core';
import { container } from 'tsyringe';
import { FakeSentry, refusingDsn } from './fake-sentry';
import { RecordingLog, extract, loader, runCleanups, setup } from './helpers';

// A Sentry that hangs, fails or is not there changes nothing for the run: capturing only queues
// the event in the client; the transport sends it in the background, after the run moved on.

const FLUSH_MS = 300;
let fake: FakeSentry | undefined;
let consoleLines: string[];

beforeEach(() => {
  consoleLines = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
  }
});
afterEach(async () => {
  await runCleanups();
  await fake?.close();
  fake = undefined;
  jest.restoreAllMocks();
});

/** The same flow with no Sentry at all: what the run does on its own. */
async function baseline(): Promise<WorkflowResult> {
  const flow = new DotFlow({ config: new Config({ log: new ConsoleLog({ level: 'silent' }) }), workflowId: 'etl-1', container: container.createChildContainer() });
  flow.task.add({ step: [extract, loader(2)] });
  return flow.start();
}

const statuses = (result: WorkflowResult) => [result.status, ...result.tasks.map((t) => `${t.taskId}:${t.status}:${t.attempt}`)];

describe.each<['hangs' | 'answers 500' | 'refuses connections']>([['hangs'], ['answers 500'], ['refuses connections']])(
  'a Sentry endpoint that %s',
  (behaviour) => {
    async function target(): Promise<string> {
      if (behaviour === 'refuses connections') return refusingDsn();
      fake = await FakeSentry.start(behaviour === 'hangs' ? 'hang' : 'fail');
      return fake.dsn;
    }

    it('changes neither the run\'s result nor its duration; flush() gives up after flushTimeoutMs; the DSN is never logged', async () => {
      const dsn = await target();
      const log = new RecordingLog();
      const { config, run } = setup({ dsn, flushTimeoutMs: FLUSH_MS, workflowStatuses: [WorkflowStatus.Failed] }, log);
      const alone = await baseline();

      const arrived = fake?.nextRequest();
      const t0 = performance.now();
      const result = await run([extract, loader(2)]);
      const ran = performance.now() - t0;

      expect(statuses(result)).toEqual(statuses(alone));
      expect(statuses(result)).toEqual([WorkflowStatus.Failed, `extract:${TaskStatus.Completed}:1`, `load:${TaskStatus.Failed}:2`]);
      // The run never waits for Sentry: not for a connection, not for an answer.
      expect(ran).toBeLessThan(FLUSH_MS / 2);
      expect(result.duration).toBeLessThan(alone.duration + 50);

      if (behaviour === 'hangs') {
        await arrived; // the request is now held open by the endpoint
        const t1 = performance.now();
        await config.flush();
        const waited = performance.now() - t1;
        expect(waited).toBeGreaterThanOrEqual(FLUSH_MS - 20);
        expect(waited).toBeLessThan(FLUSH_MS + 1000);
      } else {
        await config.flush(); // an answer (500) or a refusal ends the wait at once
      }
      if (behaviour === 'answers 500') expect(fake?.events().map((e) => e.tags?.['dotflow.task_id'] ?? e.message)).toEqual(['load', 'Workflow etl: Failed']);

      await config.close();
      // The core log saw the run (a Failed task is logged at error), but never the DSN.
      expect(log.records.length).toBeGreaterThan(0);
      for (const text of [log.text(), ...consoleLines]) {
        expect(text).not.toContain(dsn);
        expect(text).not.toContain('public@');
      }
    });
  },
);
