import 'reflect-metadata';
import {
  CorruptCheckpointError,
  DotFlow,
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
  Config,
  action,
} from '@dotflow/core';
import { quietConfig } from './helpers';

describe('errors', () => {
  it.each<[DotflowError, string]>([
    [new MissingActionDecoratorError('Function f'), 'Function f is not a step: wrap a function with action(fn) (or action({ retry: 3 }, fn)), or add a class that has at least one @Action() method.'],
    [new InvalidActionOptionsError('@Action() on Etl.transform', 'retry', 0, 'must be an integer ≥ 1'), '@Action() on Etl.transform: "retry" must be an integer ≥ 1, got 0'],
    [new ExecutionModeNotExistError('fast', ['sequential', 'parallel']), `The execution mode "fast" does not exist. Use one of 'sequential', 'parallel' (or the ExecutionMode constants).`],
    [new InvalidOnInputChangeError('keep'), `onInputChange must be one of 'reuse', 'reset', 'raise'; got "keep".`],
    [new InputChangedError('etl'), `Workflow 'etl' was previously executed with a different initialContext. Pass onInputChange: 'reset' to discard prior checkpoints, or 'reuse' to ignore the new input.`],
    [new DuplicateTaskNameError('load', 'workflow etl'), 'Two different steps of workflow etl are named "load": task names identify checkpoints, so they must be unique. Give one of them another name ({ name: "load-2" }).'],
    [new TaskTimeoutError('slow', 50), 'step "slow" timed out after 50 ms'],
    [new TaskCancelledError('slow', 'etl'), `step "slow" was cancelled because workflow 'etl' was cancelled`],
    [new StorageKeyError('workflowId', ''), 'Cannot build a storage key: workflowId must be a non-empty string, got "".'],
    [new CorruptCheckpointError('/tmp/x.json'), `The checkpoint at /tmp/x.json is unreadable or corrupt. Delete it to re-run that task, or start with onInputChange: 'reset' to discard the workflow's checkpoints.`],
    [new ModuleLoadError('./flows.js#etl'), `Cannot load './flows.js#etl': check the path (relative to the current folder) and that the module exports that name.`],
    [new InvalidWorkflowIdError(3), `workflowId must be a non-empty string, got 3. Pass any non-empty string (e.g. 'etl-daily'), or omit it for a random UUID.`],
    [new InvalidStartOptionsError('keepGoing', 'yes', 'must be true or false'), 'start(): "keepGoing" must be true or false, got "yes"'],
    [new UnnamedTaskError([0, 2], 'etl'), `Cannot resume workflow 'etl': the tasks at position(s) 0, 2 (0-based) are anonymous functions, so their ids depend on their position. Name them: action({ name: 'load' }, fn) or action(function load() { … }).`],
    [new InvalidConfigError('storage', 'get()'), 'new Config(): "storage" must implement get(); pass an object that does, or leave it out for the default.'],
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
    const calls: number[] = [];
    const flow = new DotFlow({ config: quietConfig(), workflowId: 'wf' });
    flow.task.add({ step: action(() => { calls.push(1); }) });

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
      const events: unknown[] = [];
      flow.events$.subscribe((e) => events.push(e));
      await expect(flow.start(options as never)).rejects.toThrow(type);
      expect(() => flow.run$(options as never)).toThrow(type);
      expect(calls).toEqual([]);
      expect(events).toEqual([]);
    });
  });

  it('new Config() rejects a provider that lacks a method of its role', () => {
    expect(() => new Config({ storage: {} as never })).toThrow(InvalidConfigError);
    expect(() => new Config({ log: { level: 'info' } as never })).toThrow('new Config(): "log" must implement write()');
  });
});
