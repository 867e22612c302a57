import { DuplicateTaskNameError } from '../errors/duplicate-task-name.error';

/**
 * Hands out stable task ids in add order: the name, then `name#2`, `name#3`… when taken.
 * Two different steps with the same explicit name are an error. Allocations since a `mark()`
 * can be rolled back, so a failed `add` leaves nothing behind.
 */
export class TaskIdAllocator {
  private readonly used = new Set<string>();
  private readonly explicitOwners = new Map<string, unknown>();
  private readonly log: { readonly id: string; readonly explicit: string | undefined }[] = [];

  public constructor(private readonly where: string) {}

  /** The id for a step named `name`; `identity` tells one step from another. */
  public allocate(name: string, explicit: boolean, identity: unknown): string {
    let claimed: string | undefined;
    if (explicit) {
      const owner = this.explicitOwners.get(name);
      if (owner !== undefined && owner !== identity) throw new DuplicateTaskNameError(name, this.where);
      if (owner === undefined) {
        this.explicitOwners.set(name, identity);
        claimed = name;
      }
    }
    let id = name;
    for (let n = 2; this.used.has(id); n++) id = `${name}#${n}`;
    this.used.add(id);
    this.log.push({ id, explicit: claimed });
    return id;
  }

  /** A point to roll back to. */
  public mark(): number {
    return this.log.length;
  }

  /** Undoes every allocation made since `mark`. */
  public rollback(mark: number): void {
    while (this.log.length > mark) {
      const entry = this.log.pop() as { id: string; explicit: string | undefined };
      this.used.delete(entry.id);
      if (entry.explicit !== undefined) this.explicitOwners.delete(entry.explicit);
    }
  }
}
