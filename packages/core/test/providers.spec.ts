import 'reflect-metadata';
import {
  NoopSink,
  NoopServer,
  NoopTracer,
  WorkflowStatus,
  action,
  describeEvent,
  type Config,
  type DotflowEvent,
  type EventSink,
  type Log,
  type LogRecord,
} from '@dotflow/core';
import { RecordingLog, newFlow, quietConfig, record, trail } from './helpers';

const ROLES = ['notify', 'tracer', 'metrics', 'server'] as const;
type Role = (typeof ROLES)[number];
type Behaviour = 'record' | 'throw' | 'reject' | 'hang';

/** An observing provider that keeps every event it gets, then records, throws, rejects or never settles. */
class Sink implements EventSink {
  public readonly events: DotflowEvent[] = [];
  /** The promises onEvent returned. */
  public readonly returned: Promise<void>[] = [];
  public constructor(private readonly role: string, private readonly behaviour: Behaviour = 'record') {}
  public onEvent(event: DotflowEvent): void | Promise<void> {
    this.events.push(event);
    if (this.behaviour === 'throw') throw new Error(`${this.role} down`);
    if (this.behaviour === 'record') return undefined;
    const returned = this.behaviour === 'reject' ? Promise.reject(new Error(`${this.role} down`)) : new Promise<void>(() => undefined);
    this.returned.push(returned);
    return returned;
  }
}

/** One sink per role, `faulty` (if given) behaving as `behaviour`, the others recording. */
function sinks(faulty?: Role, behaviour: Behaviour = 'record'): Record<Role, Sink> {
  const entries = ROLES.map((role) => [role, new Sink(role, role === faulty ? behaviour : 'record')] as const);
  return Object.fromEntries(entries) as Record<Role, Sink>;
}

/** a → b (fails its first attempt, then completes) → c (whose callback throws): every kind of event. */
function observed(config: Config) {
  const flow = newFlow({ config, workflowId: 'wf' });
  let failures = 1;
  flow.task.add({ step: action(function a() { return 1; }) });
  flow.task.add({
    step: action({ retry: 2, retryDelay: 0 }, async function b() {
      await Promise.resolve();
      if (failures-- > 0) throw new Error('flaky');
      return 2;
    }),
  });
  flow.task.add({ step: action(function c() { return 3; }), callback: () => { throw new Error('callback bug'); } });
  return flow;
}

const TRAIL = [
  'workflow:In progress', 'a:In progress', 'a:Completed', 'b:In progress', 'b:Retry', 'b:Completed',
  'c:In progress', 'c:Completed', 'error:callback', 'workflow:Completed',
];

/** The events a log was given, in order. */
const loggedEvents = (records: readonly LogRecord[]): DotflowEvent[] => records.flatMap((r) => (r.event ? [r.event] : []));

/** Asserts every sink got exactly `events`, the same objects in the same order. */
function expectDelivered(all: Record<Role, Sink>, events: readonly DotflowEvent[]): void {
  for (const role of ROLES) {
    expect(all[role].events).toHaveLength(events.length);
    expect(all[role].events.every((e, i) => e === events[i])).toBe(true);
  }
}

/**
 * Runs {@link observed} with these providers and asserts what must hold whatever they do: the
 * run completes and every sink got every event. Returns the flow and its events.
 */
async function runCompletes(all: Record<Role, Sink>, log?: Log) {
  // a hanging onEvent holds its own queue for timeoutMs, then delivery goes on
  const flow = observed(quietConfig({ ...all, ...(log ? { log } : {}), observerQueue: { timeoutMs: 5 } }));
  const events = record(flow);
  const result = await flow.start();
  expect(result.status).toBe(WorkflowStatus.Completed);
  expect(trail(events)).toEqual(TRAIL);
  await flow.config.flush();
  expectDelivered(all, events);
  return { flow, events };
}

describe('observing providers', () => {
  it('log, notify, tracer, metrics and server get every event, in the order it happened', async () => {
    const all = sinks();
    const log = new RecordingLog('debug');
    const { events } = await runCompletes(all, log);
    expect(loggedEvents(log.records)).toEqual(events);
    expect(log.records.map((r) => r.message)).toEqual(events.map(describeEvent));
    expect(log.records.map((r) => r.level)).toEqual(['info', 'info', 'info', 'info', 'warn', 'info', 'info', 'info', 'error', 'info']);
  });

  it('a log gets only the records of its level and above; the sinks still get everything', async () => {
    const log = new RecordingLog('warn');
    await runCompletes(sinks(), log);
    expect(trail(loggedEvents(log.records))).toEqual(['b:Retry', 'error:callback']);
  });

  describe.each<Role>([...ROLES])('a %s', (role) => {
    it.each<[string, Behaviour]>([['throws', 'throw'], ['rejects', 'reject']])('whose onEvent %s: the run completes, every provider gets every event, each failure is logged', async (_how, behaviour) => {
      const all = sinks(role, behaviour);
      const log = new RecordingLog('debug');
      const { events } = await runCompletes(all, log);
      await Promise.allSettled(all[role].returned);
      expect(loggedEvents(log.records)).toEqual(events);
      const failures = log.records.filter((r) => r.message === `${role}.onEvent threw: Error: ${role} down`);
      expect(failures).toHaveLength(events.length);
      expect(failures.every((r) => r.level === 'error' && r.error instanceof Error)).toBe(true);
    });

    it('whose onEvent never settles: start() and BackgroundRun.done resolve, every provider gets every event', async () => {
      const all = sinks(role, 'hang');
      // were the run to await the provider, it would never end and this test would time out
      const { flow, events } = await runCompletes(all);
      expect(all[role].returned).toHaveLength(events.length);
      const run = await flow.start({ mode: 'background' });
      await expect(run.done).resolves.toMatchObject({ status: WorkflowStatus.Completed });
      expect(events.filter((e) => e.type === 'workflow')).toHaveLength(4);
      await flow.config.flush();
      expectDelivered(all, events);
    });
  });

  it('a log whose write throws for event lines: the run completes, the sinks get every event, the failure is logged', async () => {
    class EventLinesFail extends RecordingLog {
      public override write(r: LogRecord): void {
        if (r.event !== undefined) throw new Error('disk full');
        super.write(r);
      }
    }
    const all = sinks();
    const log = new EventLinesFail('debug');
    const { events } = await runCompletes(all, log);
    expect(log.messages()).toEqual(events.map(() => 'log.write threw: Error: disk full'));
  });

  it('a log whose write always throws never breaks the run', async () => {
    const tried: LogRecord[] = [];
    const log = { level: 'debug' as const, write: (r: LogRecord): never => { tried.push(r); throw new Error('disk full'); } };
    const all = sinks();
    const { events } = await runCompletes(all, log);
    expect(loggedEvents(tried)).toEqual(events);
  });
});

describe('which sinks are called', () => {
  it('a sink of its own that happens to have a `noop` field gets every event, and so does a NoopSink subclass that overrides onEvent', async () => {
    const seen: string[] = [];
    class Quiet extends NoopTracer {
      public override onEvent(): void { seen.push('quiet'); }
    }
    const notify = { noop: true, onEvent: (e: DotflowEvent): void => { seen.push(e.type); } };
    const flow = observed(quietConfig({ notify, tracer: new Quiet() }));
    await flow.start();
    await flow.config.flush();
    expect(seen.filter((s) => s !== 'quiet')).toHaveLength(TRAIL.length);
    expect(seen.filter((s) => s === 'quiet')).toHaveLength(TRAIL.length);
  });

  it('leaves out the no-op defaults and NoopSink subclasses that override nothing', () => {
    class Silent extends NoopSink {}
    expect(quietConfig({ notify: new Silent(), tracer: new NoopTracer(), observers: [new NoopServer()] }).observerSet.empty).toBe(true);
    expect(quietConfig({ observers: [{ onEvent: () => undefined }] }).observerSet.empty).toBe(false);
  });
});

describe('run$ subscribers', () => {
  it('one whose next() throws: each error is logged, the stream still completes, the run is Completed', async () => {
    const log = new RecordingLog('error');
    const flow = observed(quietConfig({ log }));
    const seen: DotflowEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      flow.run$().subscribe({
        next: (e) => { seen.push(e); throw new Error('subscriber bug'); },
        error: reject,
        complete: resolve,
      });
    });
    expect(trail(seen)).toEqual(TRAIL);
    expect(flow.result().status).toBe(WorkflowStatus.Completed);
    expect(log.messages('error').filter((m) => m === 'a run$ subscriber threw: Error: subscriber bug')).toHaveLength(TRAIL.length);
  });
});
