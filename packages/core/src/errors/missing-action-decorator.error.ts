import { DotflowError } from './dotflow.error';

/**
 * A step given to `task.add` is neither an `action()` function nor a class with `@Action` methods.
 *
 * @example
 * ```ts
 * flow.task.add({ step: (() => 1) as never });
 * // MissingActionDecoratorError: … is not a step: wrap a function with action(fn) …
 * ```
 */
export class MissingActionDecoratorError extends DotflowError {
  /**
   * @param step - The step as the message names it (`Function fetchUsers`, `class Etl`).
   */
  public constructor(public readonly step: string) {
    super(
      `${step} is not a step: wrap a function with action(fn) (or action({ retry: 3 }, fn)), ` +
        `or add a class that has at least one @Action() method.`,
    );
  }
}
