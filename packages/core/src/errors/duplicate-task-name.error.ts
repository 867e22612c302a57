import { DotflowError } from './dotflow.error';

/**
 * Two different steps of one workflow carry the same explicit `name`.
 *
 * @example
 * ```ts
 * flow.task.add({ step: action({ name: 'load' }, loadUsers) });
 * flow.task.add({ step: action({ name: 'load' }, loadOrders) });
 * // DuplicateTaskNameError: Two different steps of workflow "…" are named "load": …
 * ```
 */
export class DuplicateTaskNameError extends DotflowError {
  /**
   * @param taskName - The name the steps share.
   * @param where - The workflow or class, as the message names it.
   */
  public constructor(public readonly taskName: string, where: string) {
    super(
      `Two different steps of ${where} are named "${taskName}": task names identify checkpoints, ` +
        `so they must be unique. Give one of them another name ({ name: "${taskName}-2" }).`,
    );
  }
}
