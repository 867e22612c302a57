import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { DEFAULT_ACTION_OPTIONS, MAX_DELAY_MS, resolveActionOptions, retryDelayFor } from './action-options';

describe('resolveActionOptions', () => {
  it('applies the documented defaults', () => {
    expect(resolveActionOptions(undefined, 'x')).toEqual({
      retry: 1, timeout: 0, retryDelay: 1000, backoff: null, name: undefined, group: 'default',
    });
    expect(resolveActionOptions({}, 'x')).toEqual(DEFAULT_ACTION_OPTIONS);
  });

  it('keeps given values and expands backoff: true', () => {
    const o = resolveActionOptions({ retry: 3, timeout: 50, retryDelay: 200, backoff: true, name: 'n', group: 'g', isolate: 'worker' }, 'x');
    expect(o).toEqual({
      retry: 3, timeout: 50, retryDelay: 200, backoff: { factor: 2, maxDelay: Infinity, jitter: false }, name: 'n', group: 'g', isolate: 'worker',
    });
    expect(Object.isFrozen(o)).toBe(true);
  });

  it.each([
    [{ retry: 0 }, '"retry" must be an integer ≥ 1 (attempts in all), got 0'],
    [{ retry: 1.5 }, '"retry" must be an integer ≥ 1 (attempts in all), got 1.5'],
    [{ timeout: -1 }, '"timeout" must be a number of ms from 0 to 2147483647 (0 = no limit), got -1'],
    [{ timeout: 2 ** 31 }, '"timeout" must be a number of ms from 0 to 2147483647 (0 = no limit), got 2147483648'],
    [{ retryDelay: 'x' }, '"retryDelay" must be a number of ms from 0 to 2147483647, got "x"'],
    [{ retryDelay: 3e9 }, '"retryDelay" must be a number of ms from 0 to 2147483647, got 3000000000'],
    [{ retry: null }, '"retry" must be an integer ≥ 1 (attempts in all), got null'],
    [{ group: null }, '"group" must be a non-empty string, got null'],
    [{ backoff: { factor: null } }, '"backoff.factor" must be a number ≥ 1, got null'],
    [{ name: 'a#b' }, '"name" must be a non-empty string without "#", got "a#b"'],
    [{ name: '' }, '"name" must be a non-empty string without "#", got ""'],
    [{ group: 3 }, '"group" must be a non-empty string, got 3'],
    [{ backoff: 'yes' }, '"backoff" must be a boolean or { factor?, maxDelay?, jitter? }, got "yes"'],
    [{ backoff: { factor: 0.5 } }, '"backoff.factor" must be a number ≥ 1, got 0.5'],
    [{ backoff: { maxDelay: -2 } }, '"backoff.maxDelay" must be a number of ms ≥ 0, got -2'],
    [{ backoff: { jitter: 1 } }, '"backoff.jitter" must be a boolean, got 1'],
    [{ backoff: { speed: 1 } }, '"backoff.speed" is not a backoff option (known: factor, maxDelay, jitter), got 1'],
    [{ retries: 3 }, '"retries" is not an option (known: retry, timeout, retryDelay, backoff, name, group, isolate), got 3'],
    [{ isolate: 'thread' }, '"isolate" must be \'worker\' (run the step in a worker thread) or left out (run it in the calling thread), got "thread"'],
    [{ isolate: true }, '"isolate" must be \'worker\' (run the step in a worker thread) or left out (run it in the calling thread), got true'],
    [{ isolate: null }, '"isolate" must be \'worker\' (run the step in a worker thread) or left out (run it in the calling thread), got null'],
  ])('rejects %j with a message naming where, option and value', (options, message) => {
    const call = () => resolveActionOptions(options, '@Action() on Etl.transform');
    expect(call).toThrow(InvalidActionOptionsError);
    expect(call).toThrow(`@Action() on Etl.transform: ${message}`);
  });

  it('rejects options that are not an object', () => {
    expect(() => resolveActionOptions(3, 'action()')).toThrow('action(): "options" must be an object, got 3');
  });
});

describe('retryDelayFor', () => {
  const base = resolveActionOptions({ retryDelay: 100 }, 'x');
  it('is constant without backoff', () => {
    expect([1, 2, 3].map((k) => retryDelayFor(base, k))).toEqual([100, 100, 100]);
  });
  it('doubles with backoff: true', () => {
    const o = resolveActionOptions({ retryDelay: 100, backoff: true }, 'x');
    expect([1, 2, 3, 4].map((k) => retryDelayFor(o, k))).toEqual([100, 200, 400, 800]);
  });
  it('uses factor and caps at maxDelay', () => {
    const o = resolveActionOptions({ retryDelay: 100, backoff: { factor: 3, maxDelay: 500 } }, 'x');
    expect([1, 2, 3].map((k) => retryDelayFor(o, k))).toEqual([100, 300, 500]);
  });
  it('never exceeds the longest timer (2^31 − 1 ms), which Node would fire after 1 ms', () => {
    const o = resolveActionOptions({ retryDelay: 1000, backoff: true }, 'x');
    expect(retryDelayFor(o, 22)).toBe(1000 * 2 ** 21);
    expect(retryDelayFor(o, 23)).toBe(MAX_DELAY_MS);
    expect(retryDelayFor(o, 60)).toBe(MAX_DELAY_MS);
  });
  it('draws from [0, delay] with jitter', () => {
    const o = resolveActionOptions({ retryDelay: 100, backoff: { jitter: true } }, 'x');
    expect(retryDelayFor(o, 2, () => 0.25)).toBe(50);
    expect(retryDelayFor(o, 3, () => 0.999)).toBeCloseTo(399.6);
  });
});
