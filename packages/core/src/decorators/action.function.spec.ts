import 'reflect-metadata';
import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { getActionFunction } from '../metadata/action-metadata';
import { ACTION_FUNCTION_KEY } from '../metadata/metadata-keys';
import { action } from './action.function';
import { Context } from '../context/context';
import type { StepContext } from '../context/step-context';

describe('action()', () => {
  it('supports action(fn), action(options, fn) and action(options)(fn)', () => {
    const plain = action(function extract() { return 1; });
    const withOptions = action({ retry: 3 }, function load() { return 2; });
    const curried = action({ timeout: 10 })(function save() { return 3; });
    expect([plain.actionOptions.retry, withOptions.actionOptions.retry, curried.actionOptions.timeout]).toEqual([1, 3, 10]);
    expect([plain.name, withOptions.name, curried.name]).toEqual(['extract', 'load', 'save']);
  });

  it('keeps the function callable with a context', () => {
    const double = action(({ previousContext }: StepContext<number>) => previousContext.storage * 2);
    expect(double({ previousContext: new Context({ storage: 4 }) } as StepContext<number>)).toBe(8);
    const untyped = action(({ previousContext }) => typeof previousContext.storage);
    expect(untyped({ previousContext: new Context({ storage: 'x' }) } as StepContext)).toBe('string');
  });

  it('names anonymous functions "step" and marks them anonymous; an explicit name wins', () => {
    const anon = action(() => 1);
    expect(getActionFunction(anon)).toMatchObject({ name: 'step', anonymous: true, explicitName: false });
    const named = action({ name: 'fetchUsers' }, () => 1);
    expect(getActionFunction(named)).toMatchObject({ name: 'fetchUsers', anonymous: false, explicitName: true });
  });

  it('wraps a new function each time, so the same function can carry different options', () => {
    function step() { return 1; }
    const a = action({ retry: 2 }, step);
    const b = action({ retry: 4 }, step);
    expect(a).not.toBe(b);
    expect([a.actionOptions.retry, b.actionOptions.retry]).toEqual([2, 4]);
  });

  it('validates options at once, even in the curried form', () => {
    expect(() => action({ retry: -1 })).toThrow(InvalidActionOptionsError);
    expect(() => action({ retry: -1 }, function f() {})).toThrow('action() on f: "retry" must be an integer ≥ 1 (attempts in all), got -1');
    expect(() => action({}, 'nope' as never)).toThrow('action(): "fn" must be the step function to wrap, got "nope"');
  });

  it('gives the wrapper the task name as a plain function name, and actionOptions as its only own enumerable key', () => {
    const named = action({ name: 'fetchUsers' }, () => 1);
    const unnamed = action(function load() { return 2; });
    for (const [wrapper, name] of [[named, 'fetchUsers'], [unnamed, 'load']] as const) {
      expect(Object.getOwnPropertyDescriptor(wrapper, 'name')).toEqual({ value: name, writable: false, enumerable: false, configurable: true });
      expect(Object.keys(wrapper)).toEqual(['actionOptions']);
      expect(Object.getOwnPropertyDescriptor(wrapper, 'actionOptions')).toMatchObject({ writable: false, enumerable: true, configurable: false });
    }
    // names that are also Object.prototype members or special keys name the wrapper all the same
    expect(['__proto__', 'constructor', 'toString'].map((n) => action({ name: n }, () => 1).name)).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it('passes this and the context through to the step', () => {
    const seen: unknown[] = [];
    const step = action(function record(this: unknown, context: StepContext) { seen.push(this, context.previousContext.storage); return 'ok'; });
    const self = {};
    const context = { previousContext: new Context({ storage: 5 }) } as StepContext;
    expect(step.call(self, context)).toBe('ok');
    expect(seen).toEqual([self, 5]);
  });

  it('keeps the metadata frozen in a hidden own property, and finds a function marked by an older copy of the package (reflect-metadata)', () => {
    const wrapper = action(function f() { return 1; });
    const meta = getActionFunction(wrapper);
    expect(Object.isFrozen(meta)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(wrapper, ACTION_FUNCTION_KEY)).toEqual({ value: meta, writable: false, enumerable: false, configurable: false });
    expect(getActionFunction(function plain() { return 1; })).toBeUndefined();
    expect(getActionFunction({})).toBeUndefined();
    const older = function older(): number { return 1; };
    const recorded = Object.freeze({ fn: older, name: 'older', anonymous: false, explicitName: false, options: action(older).actionOptions });
    Reflect.defineMetadata(ACTION_FUNCTION_KEY, recorded, older);
    expect(getActionFunction(older)).toBe(recorded);
  });
});
