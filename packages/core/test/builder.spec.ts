import 'reflect-metadata';
import { container, injectable } from 'tsyringe';
import {
  Action,
  DuplicateTaskNameError,
  InvalidWorkflowIdError,
  MissingActionDecoratorError,
  TaskStatus,
  action,
  type StepContext,
} from '@dotflow/core';
import { newFlow } from './helpers';

const a = action(function a() { return 'A'; });
const b = action(function b() { return 'B'; });

describe('DotFlow builder', () => {
  it('adds steps, lists of steps, counts, clears and reverses; add() chains', () => {
    const flow = newFlow();
    expect(flow.task.add({ step: a })).toBe(flow.task);
    flow.task.add({ step: [b, a] });
    expect(flow.task.count()).toBe(3);
    expect(flow.resultTask().map((t) => t.taskId)).toEqual(['a', 'b', 'a#2']);
    flow.task.reverse();
    expect(flow.resultTask().map((t) => t.taskId)).toEqual(['a#2', 'b', 'a']);
    flow.task.clear();
    expect(flow.task.count()).toBe(0);
    flow.task.add({ step: a });
    expect(flow.resultTask().map((t) => t.taskId)).toEqual(['a']);
  });

  it('gives a list the same initialContext and groupName, and tasks start Not started', () => {
    const flow = newFlow();
    flow.task.add({ step: [a, b], initialContext: { x: 1 }, groupName: 'G' });
    const tasks = flow.resultTask();
    expect(tasks.map((t) => [t.group, t.initialContext.storage, t.status, t.retryCount, t.errors])).toEqual([
      ['G', { x: 1 }, TaskStatus.NotStarted, 0, []],
      ['G', { x: 1 }, TaskStatus.NotStarted, 0, []],
    ]);
    expect(flow.resultStorage()).toEqual([null, null]);
  });

  it('rejects a plain function or an undecorated class at add, adding nothing', () => {
    const flow = newFlow();
    function plain() { return 1; }
    class Undecorated { go() {} }
    expect(() => flow.task.add({ step: [a, plain as never] })).toThrow(MissingActionDecoratorError);
    expect(() => flow.task.add({ step: plain })).toThrow(
      'Function plain (not wrapped with action()) is not a step: wrap a function with action(fn)',
    );
    expect(() => flow.task.add({ step: Undecorated })).toThrow('Class Undecorated (it has no @Action() methods) is not a step');
    expect(flow.task.count()).toBe(0);
  });

  it('rejects two different steps with the same explicit name, but suffixes the same step', () => {
    const flow = newFlow({ workflowId: 'etl' });
    const load1 = action({ name: 'load' }, () => 1);
    const load2 = action({ name: 'load' }, () => 2);
    flow.task.add({ step: [load1, load1] });
    expect(() => flow.task.add({ step: load2 })).toThrow(DuplicateTaskNameError);
    expect(() => flow.task.add({ step: load2 })).toThrow('Two different steps of workflow "etl" are named "load"');
    expect(flow.resultTask().map((t) => t.taskId)).toEqual(['load', 'load#2']);
  });

  it('names anonymous steps step, step#2…', () => {
    const flow = newFlow();
    flow.task.add({ step: [action(() => 1), action(() => 2)] });
    expect(flow.resultTask().map((t) => t.taskId)).toEqual(['step', 'step#2']);
  });

  it('takes workflowId from options, else WORKFLOW_ID, else a UUID; rejects an empty id', () => {
    const saved = process.env['WORKFLOW_ID'];
    try {
      process.env['WORKFLOW_ID'] = 'from-env';
      expect(newFlow({ workflowId: 'etl-daily' }).workflowId).toBe('etl-daily');
      expect(newFlow().workflowId).toBe('from-env');
      delete process.env['WORKFLOW_ID'];
      expect(newFlow().workflowId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      if (saved === undefined) delete process.env['WORKFLOW_ID'];
      else process.env['WORKFLOW_ID'] = saved;
    }
    expect(() => newFlow({ workflowId: '' })).toThrow(InvalidWorkflowIdError);
    expect(() => newFlow({ workflowId: '' })).toThrow('workflowId must be a non-empty string, got ""');
  });

  it('resolves a step class from the given container; its methods become tasks in order', async () => {
    @injectable()
    class Greeter {
      greet(name: string): string { return `hello ${name}`; }
    }
    @injectable()
    class Steps {
      constructor(private readonly greeter: Greeter) {}
      @Action() first() { return this.greeter.greet('Ada'); }
      @Action({ retry: 2, retryDelay: 0 }) second({ previousContext }: StepContext<string>) { return previousContext.storage.toUpperCase(); }
    }
    const child = container.createChildContainer();
    const calls: string[] = [];
    child.register(Greeter, { useValue: { greet: (n: string) => { calls.push(n); return `hi ${n}`; } } });
    const flow = newFlow({ container: child });
    flow.task.add({ step: Steps });
    flow.task.add({ step: Steps });
    expect(flow.resultTask().map((t) => t.taskId)).toEqual(['first', 'second', 'first#2', 'second#2']);
    await flow.start();
    expect(flow.resultStorage()).toEqual(['hi Ada', 'HI ADA', 'hi Ada', 'HI ADA']);
    expect(calls).toEqual(['Ada', 'Ada']);
  });
});
