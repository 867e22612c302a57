import 'reflect-metadata';
import { lastValueFrom, toArray } from 'rxjs';
import {
  InProcessExecutor,
  InvalidStartOptionsError,
  LocalInvoker,
  UnserializableValueError,
  WorkerInvoker,
  WorkflowStatus,
  action,
  decodeValue,
  type Executor,
  type InvokableStep,
  type Invoker,
  type RunJob,
  type RunRequest,
  type StepContext,
} from '@dotflow/core';
import { newFlow, quietConfig, record, trail } from './helpers';

/** An executor that records each job's JSON request, then runs it here. */
class RecordingExecutor implements Executor {
  public readonly requests: RunRequest[] = [];
  public submit(job: RunJob) {
    this.requests.push(JSON.parse(JSON.stringify(job.request)) as RunRequest);
    return job.runHere();
  }
}

function flowWith(config = quietConfig()) {
  const flow = newFlow({ workflowId: 'exec', name: 'nightly', config });
  flow.task.add({ step: [action(function a() { return 1; }), action(function b() { return 2; })] });
  return flow;
}

describe('executors', () => {
  it('Config.executor runs every run; its request is plain JSON without functions or signals', async () => {
    const executor = new RecordingExecutor();
    const flow = flowWith(quietConfig({ executor }));
    const controller = new AbortController();
    const initialContext = { since: new Date(Date.UTC(2026, 0, 1)), ids: new Set([1, 2]) };
    const result = await flow.start({ initialContext, keepGoing: true, concurrency: 2, mode: 'parallel', signal: controller.signal, onSuccess: () => undefined });
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(executor.requests).toEqual([{
      workflow: 'nightly',
      workflowId: 'exec',
      runId: result.runId,
      options: { mode: 'parallel', keepGoing: true, resume: false, onInputChange: 'reuse', initialContext: expect.anything() as unknown, concurrency: 2 },
    }]);
    expect(decodeValue(executor.requests[0]?.options.initialContext ?? null)).toEqual(initialContext);
    await flow.start({ workflowId: 'other' });
    expect(executor.requests[1]).toMatchObject({ workflowId: 'other', options: { mode: 'sequential', concurrency: null, initialContext: null } });
  });

  it('start({ executor }) overrides it for one run; run$() goes through the executor too', async () => {
    const perRun = new RecordingExecutor();
    const flow = flowWith(quietConfig({ executor: new InProcessExecutor() }));
    await flow.start({ executor: perRun });
    expect(perRun.requests).toHaveLength(1);
    const events = await lastValueFrom(flow.run$({ executor: perRun }).pipe(toArray()));
    expect(perRun.requests).toHaveLength(2);
    expect(trail(events)).toEqual(['workflow:In progress', 'a:In progress', 'a:Completed', 'b:In progress', 'b:Completed', 'workflow:Completed']);
  });

  it('an executor that runs elsewhere feeds events to job.emit: events$ and run$ see them, and start() resolves with its result', async () => {
    // Stands in for a distributed executor: runs the job here, but as a remote one would, relaying
    // each event through job.emit (the events a worker would stream back).
    const relaying: Executor = {
      async submit(job) {
        const started = await job.runHere();
        job.emit({ type: 'schedule', workflowId: job.request.workflowId, name: job.request.workflow, action: 'queued', scheduledAt: new Date(0), at: new Date(0) });
        return started;
      },
    };
    const flow = flowWith(quietConfig({ executor: relaying }));
    const seen = record(flow);
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Completed);
    expect(trail(seen).at(-1)).toBe('schedule:queued');
  });

  it('an initial context that cannot be sent as JSON fails when the executor reads the request', async () => {
    const flow = flowWith(quietConfig({ executor: new RecordingExecutor() }));
    class Handle { public constructor(public fd: number) {} }
    await expect(flow.start({ initialContext: new Handle(3) })).rejects.toThrow(UnserializableValueError);
    // in process, nothing needs it as JSON
    expect((await flowWith().start({ initialContext: new Handle(3) })).status).toBe(WorkflowStatus.Completed);
  });

  it('refuses an executor that is not one', async () => {
    await expect(flowWith().start({ executor: {} as Executor })).rejects.toThrow(InvalidStartOptionsError);
    await expect(flowWith().start({ executor: {} as Executor })).rejects.toThrow('"executor" must be an Executor (an object with submit())');
  });
});

describe('invokers', () => {
  it('Config.invoker runs every attempt with the step\'s identity and options; the run keeps retry, timeout and events', async () => {
    const calls: [string, number, number][] = [];
    const local = new LocalInvoker();
    const invoker: Invoker = {
      invoke(step: InvokableStep, context: StepContext) {
        calls.push([step.taskId, step.options.retry, context.task.attempt]);
        return local.invoke(step, context);
      },
    };
    const flow = newFlow({ config: quietConfig({ invoker }) });
    let n = 0;
    flow.task.add({ step: action({ retry: 2, retryDelay: 0 }, function flaky() { if (n++ === 0) throw new Error('once'); return 'ok'; }) });
    const events = record(flow);
    const result = await flow.start();
    expect(result.tasks[0]?.currentContext.storage).toBe('ok');
    expect(calls).toEqual([['flaky', 2, 1], ['flaky', 2, 2]]);
    expect(trail(events)).toEqual(['workflow:In progress', 'flaky:In progress', 'flaky:Retry', 'flaky:Completed', 'workflow:Completed']);
  });

  it('WorkerInvoker refuses a step that was not declared isolate: \'worker\', failing its task', async () => {
    const flow = newFlow({ config: quietConfig({ invoker: new WorkerInvoker() }) });
    flow.task.add({ step: action(function plain() { return 1; }) });
    const result = await flow.start();
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(result.tasks[0]?.errors[0]).toMatchObject({ exception: 'WorkerStepError', message: expect.stringContaining('step "plain" (isolate: \'worker\')') as unknown });
  });
});
