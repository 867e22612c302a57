import 'reflect-metadata';
import {
  CorruptCheckpointError,
  DotflowError,
  DuplicateTaskNameError,
  ExecutionModeNotExistError,
  InputChangedError,
  InvalidActionOptionsError,
  InvalidConfigError,
  InvalidOnInputChangeError,
  InvalidStartOptionsError,
  InvalidWorkflowIdError,
  MissingActionDecoratorError,
  ModuleLoadError,
  StorageKeyError,
  TaskCancelledError,
  TaskTimeoutError,
  UnnamedTaskError,
  UnserializableValueError,
  UncloneableValueError,
  WorkerStepError,
  WorkflowLockedError,
  Config,
  FileStorage,
  MemoryStorage,
  TaskStatus,
  action,
} from '@dotflow/core';
import { newFlow, quietConfig, record, tempDir } from './helpers';

const PLAIN_DATA = 'Return plain data (objects, arrays, strings, numbers, booleans, null, undefined, Date, Map, Set, BigInt, Uint8Array, Buffer), e.g. convert the instance to a plain object first.';

const CLONEABLE = 'Values that cross to and from a worker must be structured-cloneable: plain objects, arrays, primitives, Date, Map, Set, RegExp, ArrayBuffer and typed arrays, errors; not functions, symbols or objects that hold them (class instances arrive as plain objects). Pass and return plain data.';

class Point {
  public constructor(public readonly x: number) {}
}

describe('errors', () => {
  it.each<[DotflowError, string]>([
    [new MissingActionDecoratorError('Function f'), 'Function f is not a step: wrap a function with action(fn) (or action({ retry: 3 }, fn)), or add a class that has at least one @Action() method.'],
    [new InvalidActionOptionsError('@Action() on Etl.transform', 'retry', 0, 'must be an integer ≥ 1'), '@Action() on Etl.transform: "retry" must be an integer ≥ 1, got 0'],
    [new ExecutionModeNotExistError('fast', ['sequential', 'parallel']), `The execution mode "fast" does not exist. Use one of 'sequential', 'parallel' (or the ExecutionMode constants).`],
    [new InvalidOnInputChangeError('keep'), `onInputChange must be one of 'reuse', 'reset', 'raise'; got "keep".`],
    [new InputChangedError('etl'), `Workflow 'etl' was previously executed with a different initialContext. Pass onInputChange: 'reset' to discard prior checkpoints, or 'reuse' to ignore the new input. (The fingerprint covers every task's initial context in task order, so adding, removing or reordering steps changes it too.)`],
    [new DuplicateTaskNameError('load', 'workflow etl'), 'Two different steps of workflow etl are named "load": task names identify checkpoints, so they must be unique. Give one of them another name ({ name: "load-2" }).'],
    [new TaskTimeoutError('slow', 50), 'step "slow" timed out after 50 ms'],
    [new TaskCancelledError('slow', 'etl'), `step "slow" was cancelled because workflow 'etl' was cancelled`],
    [new StorageKeyError('workflowId', ''), 'Cannot build a storage key: workflowId must be a non-empty string, got "".'],
    [new CorruptCheckpointError('/tmp/x.json'), `The checkpoint at /tmp/x.json is unreadable or corrupt. Delete it to re-run that task, or start the workflow once without resume: a plain run discards all of its checkpoints and runs every task.`],
    [new ModuleLoadError('./flows.js#etl'), `Cannot load './flows.js#etl': check the path (relative to the current folder) and that the module exports that name.`],
    [new InvalidWorkflowIdError(3), `workflowId must be a non-empty string, got 3. Pass any non-empty string (e.g. 'etl-daily'), or omit it for a random UUID.`],
    [new InvalidStartOptionsError('keepGoing', 'yes', 'must be true or false'), 'start(): "keepGoing" must be true or false, got "yes"'],
    [new UnnamedTaskError([0, 2], 'etl'), `Cannot resume workflow 'etl': the tasks at position(s) 0, 2 (0-based) are anonymous functions, so their ids depend on their position. Name them: action({ name: 'load' }, fn) or action(function load() { … }).`],
    [new InvalidConfigError('storage', 'get()'), 'new Config(): "storage" must implement get(); pass an object that does, or leave it out for the default.'],
    [new WorkflowLockedError('etl', 'process worker-1:4242:77'), `Workflow 'etl' is claimed by process worker-1:4242:77: one run of a workflow id at a time may use a storage. Wait for that run to end, or pass start({ workflowId }) to run this one under another id. A claim left by a process that died (killed, crashed, a zombie, a reused pid) is taken over.`],
    [new UnserializableValueError('the result of task "load".items[2]', 'an instance of Point'), `Cannot store the result of task "load".items[2] in a checkpoint: an instance of Point cannot be kept faithfully. ${PLAIN_DATA}`],
    [new UnserializableValueError('the initial context of task "load"', 'a function (transform)'), `Cannot store the initial context of task "load" in a checkpoint: a function (transform) cannot be kept faithfully. ${PLAIN_DATA}`],
    [new UncloneableValueError('crunch', 'the result', '() => 1 could not be cloned'), `step "crunch" runs in a worker (isolate: 'worker'), but the result cannot be copied from it (() => 1 could not be cloned). ${CLONEABLE}`],
    [new UncloneableValueError('crunch', 'the previous context', 'x'), `step "crunch" runs in a worker (isolate: 'worker'), but the previous context cannot be copied to it (x). ${CLONEABLE}`],
    [new WorkerStepError('crunch', 'its worker exited (code 1) before the step returned', 'a step in a worker must not call process.exit()'), `step "crunch" (isolate: 'worker'): its worker exited (code 1) before the step returned; a step in a worker must not call process.exit()`],
  ])('%p has its class name and a message that says how to fix', (error, message) => {
    expect(error).toBeInstanceOf(DotflowError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(error.constructor.name);
    expect(error.message).toBe(message);
    expect(DotflowError.is(error)).toBe(true);
  });

  it('DotflowError.is tells Dotflow errors from others', () => {
    expect(DotflowError.is(new Error('x'))).toBe(false);
    expect(DotflowError.is(null)).toBe(false);
  });

  it('forwards cause', () => {
    const cause = new SyntaxError('bad json');
    expect(new CorruptCheckpointError('f', { cause }).cause).toBe(cause);
  });

  describe('misuse at start() rejects before anything runs', () => {
    it.each([
      [{ mode: 'unknown' }, ExecutionModeNotExistError],
      [{ onInputChange: 'maybe' }, InvalidOnInputChangeError],
      [{ concurrency: 0 }, InvalidStartOptionsError],
      [{ concurrency: 1.5 }, InvalidStartOptionsError],
      [{ concurrency: -1 }, InvalidStartOptionsError],
      [{ keepGoing: 'yes' }, InvalidStartOptionsError],
      [{ signal: {} }, InvalidStartOptionsError],
      [{ onSuccess: 3 }, InvalidStartOptionsError],
      [{ foo: 1 }, InvalidStartOptionsError],
      [{ resume: true }, UnnamedTaskError],
    ])('%j', async (options, type) => {
      const calls: number[] = [];
      const flow = newFlow({ workflowId: 'wf' });
      flow.task.add({ step: action(() => { calls.push(1); }) });
      const events = record(flow);
      await expect(flow.start(options as never)).rejects.toThrow(type);
      expect(() => flow.run$(options as never)).toThrow(type);
      expect(calls).toEqual([]);
      expect(events).toEqual([]);
    });
  });

  describe('an initial context that cannot be stored, under resume: true', () => {
    function transform(): void {}
    it.each<[string, unknown, boolean, string]>([
      ['a function', transform, false, 'the initial context of task "load" in a checkpoint: a function (transform)'],
      ['a class instance', { at: new Point(1) }, false, 'the initial context of task "load".at in a checkpoint: an instance of Point'],
      ['a task\'s own initial context', new Point(2), true, 'the initial context of task "load" in a checkpoint: an instance of Point'],
    ])('%s: start() rejects before any event, naming the task and the kind; run$() and schedule() throw', async (_what, value, own, message) => {
      const calls: string[] = [];
      const storage = new MemoryStorage();
      const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'wf' });
      flow.task.add({ step: action(function load() { calls.push('load'); }), ...(own ? { initialContext: value } : {}) });
      const options = { resume: true, ...(own ? {} : { initialContext: value }) };
      const events = record(flow);
      await expect(flow.start(options)).rejects.toThrow(UnserializableValueError);
      await expect(flow.start(options)).rejects.toThrow(`Cannot store ${message} cannot be kept faithfully.`);
      expect(() => flow.run$(options)).toThrow(message);
      await expect(flow.schedule(options)).rejects.toThrow(message);
      expect(events).toEqual([]);
      expect(calls).toEqual([]);
      expect(await storage.keys(storage.prefix('wf'))).toEqual([]);
      // without resume no fingerprint is taken, so the same input runs
      await expect(flow.start({ ...options, resume: false })).resolves.toMatchObject({ status: 'Completed' });
      expect(calls).toEqual(['load']);
    });
  });

  it('a result that cannot be stored fails its task on a persistent storage, once, naming the task and the kind', async () => {
    const storage = new FileStorage({ path: tempDir('dotflow-errors-') });
    const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'wf' });
    let calls = 0;
    flow.task.add({ step: action({ retry: 3, retryDelay: 0 }, function load() { calls++; return { format: function csv(): void {} }; }) });
    const result = await flow.start();
    expect(calls).toBe(1);
    expect(result.tasks[0]?.status).toBe(TaskStatus.Failed);
    expect(result.tasks[0]?.errors).toEqual([
      expect.objectContaining({
        attempt: 1,
        exception: 'UnserializableValueError',
        message: `Cannot store the result of task "load".format in a checkpoint: a function (csv) cannot be kept faithfully. ${PLAIN_DATA}`,
      }),
    ]);
    expect(await storage.keys(storage.prefix('wf'))).toEqual([]);
  });

  it('new Config() rejects a provider that lacks a method of its role', () => {
    expect(() => new Config({ storage: {} as never })).toThrow(InvalidConfigError);
    expect(() => new Config({ log: { level: 'info' } as never })).toThrow('new Config(): "log" must implement write()');
  });
});
