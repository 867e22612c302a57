import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { Action, DEFAULT_ACTION_OPTIONS, InvalidActionOptionsError, Workflow, action } from '@dotflow/core';

// What isolate: 'worker' checks in this thread, at definition and at start. Runs in real workers
// are in worker-step.spec.ts.
describe('isolate option', () => {
  it('defaults to none, and is validated where the step is defined', () => {
    expect(DEFAULT_ACTION_OPTIONS.isolate).toBeUndefined();
    expect(action(function plain() { return 1; }).actionOptions.isolate).toBeUndefined();
    expect(() => action({ isolate: 'thread' as 'worker' }, function bad() { return 1; })).toThrow(
      new InvalidActionOptionsError('action() on bad', 'isolate', 'thread', "must be 'worker' (run the step in a worker thread) or left out (run it in the calling thread)"),
    );
    expect(() => {
      class Bad {
        @Action({ isolate: 'process' as 'worker' })
        public step(): number { return 1; }
      }
      return Bad;
    }).toThrow(`@Action() on Bad.step: "isolate" must be 'worker'`);
  });

  it('records an isolated step: action() and @Action keep isolate in their options', () => {
    const fn = action({ isolate: 'worker', name: 'isolatedFn' }, () => 1);
    expect(fn.actionOptions.isolate).toBe('worker');
  });

  it('refuses two isolated steps with the same key in one module', () => {
    action({ isolate: 'worker' }, function sameName() { return 1; });
    expect(() => action({ isolate: 'worker' }, function sameName() { return 2; })).toThrow(
      /^action\(\) on sameName: "isolate" needs a key unique within its module \(a worker finds the step by it\), but another isolated step of .*isolate-options\.spec\.ts is "sameName" too: rename one of them, got "worker"$/,
    );
  });

  it('rejects start() when a subclass inherits an isolated method (the worker rebuilds the declaring class only)', async () => {
    @injectable()
    class Base extends Workflow {
      @Action({ isolate: 'worker' })
      public crunch(): number { return 1; }
    }
    @injectable()
    class Derived extends Base {}
    const flow = new Derived();
    await expect(flow.start()).rejects.toThrow(
      "@Action() on Base.crunch: \"isolate\" runs the step in a worker on a fresh Base, but this task belongs to its subclass Derived: override the method in Derived with @Action({ isolate: 'worker' }) of its own, got \"worker\"",
    );
  });
});
