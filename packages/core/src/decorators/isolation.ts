import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { registerIsolatedStep, type IsolatedStep, type IsolatedStepRef } from '../metadata/isolated-steps';

/**
 * True when raw (not yet validated) options ask for `isolate: 'worker'`: only those steps pay for
 * finding their module's file (a stack capture), when they are defined.
 */
export function wantsWorker(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as { isolate?: unknown }).isolate === 'worker';
}

/**
 * Records an isolated step in this thread's registry (the worker finds it there after loading
 * `file`) and returns where it comes from.
 *
 * @throws InvalidActionOptionsError when no module file was found, or another isolated step of
 * that module has the same key.
 */
export function isolateStep(
  where: string,
  file: string | undefined,
  key: string,
  step: IsolatedStep,
  owner: IsolatedStepRef['owner'],
): IsolatedStepRef {
  if (file === undefined) {
    throw new InvalidActionOptionsError(
      where, 'isolate', 'worker',
      'needs a step defined in a module file, which a worker can load: none was found in the stack (code run by eval or a REPL?)',
    );
  }
  const ref: IsolatedStepRef = Object.freeze({ file, key, owner });
  if (!registerIsolatedStep(ref, step)) {
    throw new InvalidActionOptionsError(
      where, 'isolate', 'worker',
      `needs a key unique within its module (a worker finds the step by it), but another isolated step of ${file} is "${key}" too: rename one of them`,
    );
  }
  return ref;
}
