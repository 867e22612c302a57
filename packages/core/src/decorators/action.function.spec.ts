import 'reflect-metadata';
import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { getActionFunction } from '../metadata/action-metadata';
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
});
