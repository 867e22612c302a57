import { DotflowError } from './dotflow.error';

/** Two different steps of one workflow carry the same explicit `name`. */
export class DuplicateTaskNameError extends DotflowError {
  public constructor(public readonly taskName: string, where: string) {
    super(
      `Two different steps of ${where} are named "${taskName}": task names identify checkpoints, ` +
        `so they must be unique. Give one of them another name ({ name: "${taskName}-2" }).`,
    );
  }
}
