import { ExecutionModeNotExistError } from '../errors/execution-mode-not-exist.error';
import { InvalidOnInputChangeError } from '../errors/invalid-on-input-change.error';
import { InvalidStartOptionsError } from '../errors/invalid-start-options.error';
import { normalizeStartOptions } from './start-options';

describe('normalizeStartOptions', () => {
  it('applies the defaults to options left out', () => {
    expect(normalizeStartOptions(undefined)).toEqual({
      mode: 'sequential',
      keepGoing: false,
      resume: false,
      onInputChange: 'reuse',
      initialContext: null,
      onSuccess: undefined,
      onFailure: undefined,
      signal: undefined,
      concurrency: Infinity,
    });
  });

  it('keeps a null initial context (null is a context value)', () => {
    expect(normalizeStartOptions({ initialContext: null }).initialContext).toBeNull();
  });

  // From plain JavaScript, `null` is not "left out": it is a bad value, reported like any other.
  it.each<[string, unknown, new (...args: never[]) => Error, string]>([
    ['mode', null, ExecutionModeNotExistError, 'The execution mode null does not exist'],
    ['onInputChange', null, InvalidOnInputChangeError, 'null'],
    ['keepGoing', null, InvalidStartOptionsError, 'start(): "keepGoing" must be true or false, got null'],
    ['resume', null, InvalidStartOptionsError, 'start(): "resume" must be true or false, got null'],
    ['concurrency', null, InvalidStartOptionsError, 'start(): "concurrency" must be an integer ≥ 1 (or leave it out for no bound), got null'],
  ])('rejects %s: %p', (option, value, type, message) => {
    const call = (): unknown => normalizeStartOptions({ [option]: value });
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});
