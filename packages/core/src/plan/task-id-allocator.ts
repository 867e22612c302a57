import { DuplicateTaskNameError } from '../errors/duplicate-task-name.error';

/**
 * Hands out stable task ids in add order: the name, then `name#2`, `name#3`… when taken.
 * Two different steps with the same explicit name are an error.
 */
export class TaskIdAllocator {
  private readonly used = new Set<string>();
  private readonly explicitOwners = new Map<string, unknown>();

  public constructor(private readonly where: string) {}

  /** The id for a step named `name`; `identity` tells one step from another. */
  public allocate(name: string, explicit: boolean, identity: unknown): string {
    if (explicit) {
      const owner = this.explicitOwners.get(name);
      if (owner !== undefined && owner !== identity) throw new DuplicateTaskNameError(name, this.where);
      this.explicitOwners.set(name, identity);
    }
    let id = name;
    for (let n = 2; this.used.has(id); n++) id = `${name}#${n}`;
    this.used.add(id);
    return id;
  }

  /** Checks a set of allocations without keeping them (to validate before committing). */
  public clone(): TaskIdAllocator {
    const copy = new TaskIdAllocator(this.where);
    for (const id of this.used) copy.used.add(id);
    for (const [k, v] of this.explicitOwners) copy.explicitOwners.set(k, v);
    return copy;
  }
}
